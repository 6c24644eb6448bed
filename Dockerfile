# The API as a container image: build with the SDK, run on the smaller ASP.NET runtime image.
# Used by docker-compose.yml; `docker build -t auth .` works on its own too.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Restore and publish for the image's architecture, so the publish carries ReadyToRun code (faster start-up).
ARG TARGETARCH
WORKDIR /src

# Project files first: the restore layer is reused until a package or project reference changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY Auth.Core/Auth.Core.csproj Auth.Core/
COPY Auth.Infrastructure/Auth.Infrastructure.csproj Auth.Infrastructure/
COPY Auth.Api/Auth.Api.csproj Auth.Api/
RUN dotnet restore Auth.Api/Auth.Api.csproj -a $TARGETARCH

COPY Auth.Core/ Auth.Core/
COPY Auth.Infrastructure/ Auth.Infrastructure/
COPY Auth.Api/ Auth.Api/
RUN dotnet publish Auth.Api/Auth.Api.csproj -a $TARGETARCH --self-contained false --configuration Release --no-restore --output /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's built-in unprivileged user; the service needs no root rights (it listens on 8080, not 80).
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
# glibc malloc: at most two arenas, and blocks of 64 KiB or more mapped on their own (given back when freed).
# The native heap ends a load about 7 MiB smaller (docs/performance.md, "Runtime settings").
ENV MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=65536
# On one CPU (a container limited to one core counts) the runtime waits ten times longer before it starts
# optimising hot methods, so a new instance under load runs unoptimised code for a minute; 1 makes it wait as on
# several CPUs (docs/performance.md, "Runtime settings").
ENV DOTNET_TC_DelaySingleProcMultiplier=1
EXPOSE 8080
ENTRYPOINT ["dotnet", "Auth.Api.dll"]
