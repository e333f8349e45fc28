using Microsoft.AspNetCore.Mvc;

namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Everything about a call to a site's use case that is not the use case's own input: who calls,
/// at which site, under which idempotency key, until when. Endpoints bind it once with
/// <c>[AsParameters]</c>; pages get theirs from <see cref="Components.LivePage"/>; the hub builds
/// one per method. A use case's signature then names only its own inputs, and it checks its one
/// permission through <see cref="Demand"/>, whoever called it.
/// </summary>
public sealed class SiteCall
{
    // Endpoints bind the settable properties through this constructor: the build-time endpoint
    // generator mis-emits a constructor that takes a nullable string, so binding goes by property.
    public SiteCall()
    {
    }

    internal SiteCall(ClaimsPrincipal user, Guid siteId, string? idempotencyKey, CancellationToken cancellation) =>
        (User, SiteId, IdempotencyKey, Cancellation) = (user, siteId, idempotencyKey, cancellation);

    public ClaimsPrincipal User { get; init; } = new();
    public Guid SiteId { get; init; }

    [FromHeader(Name = "Idempotency-Key")]
    public string? IdempotencyKey { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>The actor kind of the product's own writes: the scheduler, the webhooks, the demo.</summary>
    public const string SystemKind = "system";

    // Set only by System(). It is neither a constructor parameter nor a public property, so no request
    // binds it and no principal carries it: a user, token or device never acts as the system.
    private Actor? _system;

    /// <summary>
    /// The product itself acting at a site, recorded as the system actor <paramref name="name"/>: it has no
    /// user and holds every permission, so only server code that acts for nobody (the demo) makes one.
    /// </summary>
    public static SiteCall System(string name, Guid siteId, CancellationToken cancellation) =>
        new(new ClaimsPrincipal(new ClaimsIdentity()), siteId, null, cancellation) { _system = new Actor(SystemKind, name, null) };

    /// <summary>Refuses (401 or 403) unless the caller holds the permission here; answers who is acting.</summary>
    public Actor Demand(Permission permission) => _system ?? Access.Demand(User, SiteId, permission);

    /// <summary>Whether the caller holds the permission here, without refusing.</summary>
    public bool Allows(Permission permission) => _system is not null || Access.Allows(User, SiteId, permission);

    /// <summary>The writer's command for this call, carrying its idempotency key.</summary>
    public Command ToCommand(Actor actor, string operation, object? request) => new(actor, operation, request, IdempotencyKey);
}
