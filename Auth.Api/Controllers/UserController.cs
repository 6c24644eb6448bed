using Auth.Api.Authentication;
using Auth.Api.Authorization;
using Auth.Api.Contracts;
using Auth.Api.OpenApi;
using Auth.Api.Problems;
using Auth.Core.Services;
using Auth.Core.Tokens;
using Auth.Core.Users;
using AutoMapper;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Controllers;

/// <summary>Who the caller is, the users' area, and what a user does to their own account and sessions.</summary>
[ApiController]
[Route("api")]
public sealed class UserController(IAccountService accounts, ISessionService sessions, IMapper mapper) : ControllerBase
{
    /// <summary>Anonymous callers are guests (told whether sign-up is open); a signed-in caller gets their account.</summary>
    [HttpGet("me")]
    [AllowOnly(AccessLevel.Guest)]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    [AlsoProduces(typeof(GuestResponse), StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public IActionResult Me()
    {
        var user = HttpContext.SignedInUserOrNull();
        return user is null ? Ok(new GuestResponse(Role.Guest.ToName(), accounts.SignupOpen)) : Ok(mapper.Map<UserResponse>(user));
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

    /// <summary>Changes the caller's password: every other session ends, and the caller continues on a new one.</summary>
    [HttpPut("me/password")]
    [AllowOnly(AccessLevel.User)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest request, CancellationToken ct)
    {
        var result = await accounts.ChangePasswordAsync(HttpContext.SignedInUser(), request.CurrentPassword!, request.NewPassword!,
            HttpContext.Client(), ct);
        return result.Succeeded ? Ok(AuthController.ToTokenResponse(result.Value!)) : this.ToProblem(result);
    }

    /// <summary>The caller's active sessions, newest first; <c>current</c> marks the one this token belongs to.</summary>
    [HttpGet("me/sessions")]
    [AllowOnly(AccessLevel.User)]
    [ProducesResponseType<SessionListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<SessionListResponse> Sessions(CancellationToken ct) =>
        ToList(await sessions.ListAsync(HttpContext.SignedInUser().Id, ct), HttpContext.SessionId());

    /// <summary>Ends one of the caller's sessions: its refresh token and access tokens stop working on their next request.</summary>
    [HttpDelete("me/sessions/{id}")]
    [AllowOnly(AccessLevel.User)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> EndSession(string id, CancellationToken ct)
    {
        var user = HttpContext.SignedInUser();
        var result = await sessions.RevokeAsync(user.Id, id, user.Id, HttpContext.Client(), ct);
        return result.Succeeded ? NoContent() : this.ToProblem(result);
    }

    /// <summary>Signs out everywhere else: every session but the caller's.</summary>
    [HttpDelete("me/sessions")]
    [AllowOnly(AccessLevel.User)]
    [ProducesResponseType<RevokedSessionsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<RevokedSessionsResponse> EndOtherSessions(CancellationToken ct)
    {
        var user = HttpContext.SignedInUser();
        return new RevokedSessionsResponse(await sessions.RevokeAllAsync(user.Id, HttpContext.SessionId(), user.Id, HttpContext.Client(), ct));
    }

    /// <summary>Deletes the caller's account and sessions, after checking the password.</summary>
    [HttpDelete("me")]
    [AllowOnly(AccessLevel.User)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> DeleteAccount(DeleteAccountRequest request, CancellationToken ct)
    {
        var result = await accounts.DeleteAsync(HttpContext.SignedInUser(), request.Password!, HttpContext.Client(), ct);
        return result.Succeeded ? NoContent() : this.ToProblem(result);
    }

    /// <summary>Sessions as their owner or an admin sees them.</summary>
    public static SessionListResponse ToList(IEnumerable<Session> items, string? currentSessionId) =>
        new(items.Select(s => new SessionResponse(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.Ip, s.UserAgent, s.Id == currentSessionId))
            .ToList());
}
