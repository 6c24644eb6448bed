using Auth.Api.Contracts;
using Auth.Core.Auditing;
using Auth.Core.Users;
using AutoMapper;

namespace Auth.Api.Mapping;

/// <summary>Entities to response records. Role and status go out as their lower-case names; the hash never goes out.</summary>
public sealed class ApiMappingProfile : Profile
{
    public ApiMappingProfile()
    {
        CreateMap<User, UserResponse>()
            .ForCtorParam(nameof(UserResponse.Role), o => o.MapFrom(u => u.Role.ToName()))
            .ForCtorParam(nameof(UserResponse.Status), o => o.MapFrom(u => u.Status.ToName()));
        CreateMap<AuditEvent, AuditEventResponse>();
    }
}
