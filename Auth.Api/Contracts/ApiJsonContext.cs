using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Api.Contracts;

/// <summary>
/// Source-generated JSON for the API's own records: no reflection-built serializers, and the fast path the
/// generator emits for writing. Web defaults (camelCase, case-insensitive reading) like the reflection default.
/// Problem details and anything not listed here fall through to the next resolver in the chain.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(AuthenticateRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(ChangeRoleRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(List<UserResponse>))]
[JsonSerializable(typeof(SignUpResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(GuestResponse))]
[JsonSerializable(typeof(ProfileResponse))]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(PageResponse<UserResponse>))]
[JsonSerializable(typeof(PageResponse<AuditEventResponse>))]
[JsonSerializable(typeof(AuditEventResponse))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(DeleteAccountRequest))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(ResetPasswordRequest))]
[JsonSerializable(typeof(SetStatusRequest))]
[JsonSerializable(typeof(CreatedUserResponse))]
[JsonSerializable(typeof(ResetCodeResponse))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(SessionListResponse))]
[JsonSerializable(typeof(RevokedSessionsResponse))]
[JsonSerializable(typeof(JsonWebKeySetResponse))]
[JsonSerializable(typeof(OpenIdConfigurationResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
