using Auth.Api.Authentication;
using Auth.Api.Authorization;
using Auth.Api.Contracts;
using Auth.Api.Problems;
using Auth.Api.Security;
using Auth.Core.Services;
using Auth.Core.Users;
using AutoMapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Auth.Api.Controllers;

/// <summary>Signing up, logging in, refreshing, logging out and resetting a password with a code.</summary>
[ApiController]
[Route("api")]
public sealed class AuthController(IAccountService accounts, IAuthenticationService authentication, IMapper mapper) : ControllerBase
{
    [HttpPost("signup")]
    [EnableRateLimiting(ClientRateLimits.Signup)]
    [ProducesResponseType<SignUpResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> SignUp(SignUpRequest request, CancellationToken ct)
    {
        var result = await accounts.SignUpAsync(request.Username!, request.Password!, HttpContext.Client().Ip, ct);
        if (!result.Succeeded)
            return this.ToProblem(result);
        return StatusCode(StatusCodes.Status201Created,
            new SignUpResponse("Account created!", mapper.Map<UserResponse>(result.Value)));
    }

    [HttpPost("authenticate")]
    [EnableRateLimiting(ClientRateLimits.Authenticate)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Authenticate(AuthenticateRequest request, CancellationToken ct)
    {
        var result = await authentication.AuthenticateAsync(request.Username!, request.Password!, HttpContext.Client(), ct);
        return result.Succeeded ? Ok(ToTokenResponse(result.Value!)) : this.ToProblem(result);
    }

    [HttpPost("token/refresh")]
    [EnableRateLimiting(ClientRateLimits.Refresh)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Refresh(RefreshRequest request, CancellationToken ct)
    {
        var result = await authentication.RefreshAsync(request.RefreshToken!, HttpContext.Client(), ct);
        return result.Succeeded ? Ok(ToTokenResponse(result.Value!)) : this.ToProblem(result);
    }

    [HttpPost("logout")]
    [AllowOnly(AccessLevel.User)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<IActionResult> Logout(RefreshRequest request, CancellationToken ct)
    {
        var result = await authentication.LogoutAsync(HttpContext.SignedInUser().Id, request.RefreshToken!, HttpContext.Client(), ct);
        return result.Succeeded ? NoContent() : this.ToProblem(result);
    }

    /// <summary>Sets a new password with the one-time code an admin issued; earlier sessions end.</summary>
    [HttpPost("password/reset")]
    [EnableRateLimiting(ClientRateLimits.PasswordReset)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> ResetPassword(ResetPasswordRequest request, CancellationToken ct)
    {
        var result = await accounts.ResetPasswordAsync(request.Username!, request.Code!, request.NewPassword!, HttpContext.Client(), ct);
        return result.Succeeded ? Ok(ToTokenResponse(result.Value!)) : this.ToProblem(result);
    }

    public static TokenResponse ToTokenResponse(SignedIn signedIn) => new(
        Success: true,
        Token: signedIn.AccessToken.Value,
        TokenType: "Bearer",
        ExpiresIn: signedIn.AccessToken.ExpiresInSeconds,
        RefreshToken: signedIn.RefreshToken);
}
