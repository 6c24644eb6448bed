using Auth.Api.Authentication;
using Auth.Api.Authorization;
using Auth.Api.Contracts;
using Auth.Api.OpenApi;
using Auth.Core.Users;
using AutoMapper;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Controllers;

/// <summary>Who the caller is, and the users' area.</summary>
[ApiController]
[Route("api")]
public sealed class UserController(IMapper mapper) : ControllerBase
{
    /// <summary>Anonymous callers are guests; a signed-in caller gets their account.</summary>
    [HttpGet("me")]
    [AllowOnly(AccessLevel.Guest)]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    [AlsoProduces(typeof(GuestResponse), StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public IActionResult Me()
    {
        var user = HttpContext.SignedInUserOrNull();
        return user is null ? Ok(new GuestResponse(Role.Guest.ToName())) : Ok(mapper.Map<UserResponse>(user));
    }

    [HttpGet("profile")]
    [AllowOnly(AccessLevel.User)]
    [ProducesResponseType<ProfileResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public ProfileResponse Profile()
    {
        var user = HttpContext.SignedInUser();
        return new ProfileResponse($"Welcome to the users area {user.Username}!", mapper.Map<UserResponse>(user));
    }
}
