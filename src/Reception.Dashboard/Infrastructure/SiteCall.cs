using Microsoft.AspNetCore.Mvc;

namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Everything about a call to a site's use case that is not the use case's own input: who calls,
/// at which site, under which idempotency key, until when. Endpoints bind it once with
/// <c>[AsParameters]</c>; pages get theirs from <see cref="Components.LivePage"/>; the hub builds
/// one per method. A use case's signature then names only its own inputs, and it checks its one
/// permission through <see cref="Demand"/>, whoever called it.
/// </summary>
public sealed record SiteCall(
    ClaimsPrincipal User,
    Guid SiteId,
    [FromHeader(Name = "Idempotency-Key")] string? IdempotencyKey,
    CancellationToken Cancellation)
{
    /// <summary>Refuses (401 or 403) unless the caller holds the permission here; answers who is acting.</summary>
    public Actor Demand(Permission permission) => Access.Demand(User, SiteId, permission);

    /// <summary>The writer's command for this call, carrying its idempotency key.</summary>
    public Command ToCommand(Actor actor, string operation, object? request) => new(actor, operation, request, IdempotencyKey);
}
