using Auth.Api.Authentication;
using Auth.Api.Authorization;
using Auth.Api.Contracts;
using Auth.Api.Problems;
using Auth.Core.Services;
using Auth.Core.Users;
using AutoMapper;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Controllers;

/// <summary>The admins' area: the user list, role changes, deletions and the audit log.</summary>
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
