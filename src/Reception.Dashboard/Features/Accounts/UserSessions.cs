namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Server-side sessions behind the sign-in cookie (<see cref="UserSession"/>): every cookie sign-in
/// starts one, sign-out ends this one only, and <see cref="PrincipalCheck"/> refuses a cookie whose
/// session has ended.
/// </summary>
public sealed class UserSessions(IDbContextFactory<ReceptionDbContext> dbFactory, HubConnections connections, TimeProvider clock)
{
    /// <summary>How long a sign-in lasts unused: a long shift plus its handover. The cookie, a phone's session and the session row agree.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(14);

    /// <summary>
    /// Records a new session for the principal about to be issued and names it in a claim. The
    /// session the request came with (a sign-in over an old one, a refresh after a password change)
    /// is replaced; <see cref="Infrastructure.Housekeeping"/> forgets sessions nobody uses.
    /// </summary>
    public async Task StartAsync(ClaimsPrincipal issuing, ClaimsPrincipal? current, CancellationToken ct)
    {
        if (issuing.UserId() is not { } userId || issuing.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession { UserId = userId, CreatedAt = now, LastRenewedAt = now };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The session this browser had ends, whoever it was, so a copy of that cookie is worthless too.
        if (current?.SessionIdOf() is { } replaced)
        {
            await db.UserSessions.Where(s => s.Id == replaced).ExecuteDeleteAsync(ct);
            connections.AbortAll(replaced);
        }

        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);

        foreach (var stale in identity.FindAll(ReceptionClaims.SessionId).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(ReceptionClaims.SessionId, session.Id.ToString()));
    }

    /// <summary>A sliding cookie was re-issued: its session is in use.</summary>
    public async Task RenewAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.SessionIdOf() is not { } sessionId)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.Id == sessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastRenewedAt, now), ct);
    }

    /// <summary>
    /// Ends the principal's own session: its cookie is refused from the next request, its hub
    /// connections close now, and its pages fall back to signed out at their next check.
    /// </summary>
    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.SessionIdOf() is not { } sessionId)
        {
            return;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct);
        }

        connections.AbortAll(sessionId);
    }
}
