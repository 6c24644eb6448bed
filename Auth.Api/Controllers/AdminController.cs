using Auth.Api.Authentication;
using Auth.Api.Authorization;
using Auth.Api.Contracts;
using Auth.Api.Problems;
using Auth.Core.Services;
using Auth.Core.Users;
using AutoMapper;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Controllers;

/// <summary>The admins' area: the user list, creating, disabling, resetting and deleting accounts, their sessions, and the audit log.</summary>
[ApiController]
[Route("api/admin")]
[AllowOnly(AccessLevel.Admin)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class AdminController(IUserAdministration administration, IMapper mapper) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<MessageResponse>(StatusCodes.Status200OK)]
    public MessageResponse Welcome() =>
        new($"Welcome to the admin area {HttpContext.SignedInUser().Username}!");

    [HttpGet("users")]
    [ProducesResponseType<PageResponse<UserResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<PageResponse<UserResponse>> Users([FromQuery] PagingQuery query, CancellationToken ct)
    {
        var page = await administration.ListAsync(query.Page, query.PageSize, ct);
        return new PageResponse<UserResponse>(mapper.Map<List<UserResponse>>(page.Items), page.Number, page.Size, page.Total);
    }

    /// <summary>The security audit log, newest first.</summary>
    [HttpGet("audit")]
    [ProducesResponseType<PageResponse<AuditEventResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<PageResponse<AuditEventResponse>> Audit([FromQuery] PagingQuery query, CancellationToken ct)
    {
        var page = await administration.ListAuditAsync(query.Page, query.PageSize, ct);
        return new PageResponse<AuditEventResponse>(mapper.Map<List<AuditEventResponse>>(page.Items), page.Number, page.Size, page.Total);
    }

    /// <summary>Creates an account; without a password, the response carries a one-time code its owner sets one with at /reset.</summary>
    [HttpPost("users")]
    [ProducesResponseType<CreatedUserResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Create(CreateUserRequest request, CancellationToken ct)
    {
        Roles.TryParse(request.Role, out var role); // the validator has already refused anything else
        var result = await administration.CreateAsync(HttpContext.SignedInUser().Id, request.Username!, role, request.Password, ct);
        if (!result.Succeeded)
            return this.ToProblem(result);
        var created = result.Value!;
        return StatusCode(StatusCodes.Status201Created, new CreatedUserResponse(
            mapper.Map<UserResponse>(created.User), created.ResetCode?.Code, created.ResetCode?.ExpiresAt));
    }

    /// <summary>Issues a single-use password-reset code (voiding earlier ones), shown this once.</summary>
    [HttpPost("users/{id:long}/password-reset")]
    [ProducesResponseType<ResetCodeResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> IssueResetCode(long id, CancellationToken ct)
    {
        var result = await administration.IssueResetCodeAsync(HttpContext.SignedInUser().Id, id, ct);
        return result.Succeeded
            ? StatusCode(StatusCodes.Status201Created, new ResetCodeResponse(result.Value!.Code, result.Value.ExpiresAt))
            : this.ToProblem(result);
    }

    /// <summary>Disables (ending every session) or enables an account.</summary>
    [HttpPut("users/{id:long}/status")]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> SetStatus(long id, SetStatusRequest request, CancellationToken ct)
    {
        AccountStatuses.TryParse(request.Status, out var status); // the validator has already refused anything else
        var result = await administration.SetStatusAsync(HttpContext.SignedInUser().Id, id, status, request.Reason, ct);
        return result.Succeeded ? Ok(mapper.Map<UserResponse>(result.Value)) : this.ToProblem(result);
    }

    /// <summary>A user's active sessions, newest first.</summary>
    [HttpGet("users/{id:long}/sessions")]
    [ProducesResponseType<SessionListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Sessions(long id, CancellationToken ct)
    {
        var result = await administration.ListSessionsAsync(id, ct);
        return result.Succeeded
            ? Ok(UserController.ToList(result.Value!, HttpContext.SignedInUser().Id == id ? HttpContext.SessionId() : null))
            : this.ToProblem(result);
    }

    /// <summary>Ends every session of a user.</summary>
    [HttpDelete("users/{id:long}/sessions")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> EndSessions(long id, CancellationToken ct)
    {
        var result = await administration.RevokeSessionsAsync(HttpContext.SignedInUser().Id, id, ct);
        return result.Succeeded ? NoContent() : this.ToProblem(result);
    }

    [HttpPut("users/{id:long}/role")]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> ChangeRole(long id, ChangeRoleRequest request, CancellationToken ct)
    {
        Roles.TryParse(request.Role, out var role); // the validator has already refused anything else
        var result = await administration.ChangeRoleAsync(HttpContext.SignedInUser().Id, id, role, ct);
        return result.Succeeded ? Ok(mapper.Map<UserResponse>(result.Value)) : this.ToProblem(result);
    }

    [HttpDelete("users/{id:long}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> Delete(long id, CancellationToken ct)
    {
        var result = await administration.DeleteAsync(HttpContext.SignedInUser().Id, id, ct);
        return result.Succeeded ? NoContent() : this.ToProblem(result);
    }
}
