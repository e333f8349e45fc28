namespace Reception.Dashboard.Features.Devices;

/// <summary>
/// Finding guard phones and wall screens: a site's list, the device behind a cookie, a waiting
/// screen's pairing code. The changes that concern a site go through <see cref="SiteWriter"/> in
/// <see cref="EnrolPhone"/>, <see cref="RedeemEnrolment"/>, <see cref="PairScreen"/> and
/// <see cref="RevokeDevice"/>; what is written here is bookkeeping without a site or an event (a
/// screen waiting for its code, when a device was last seen).
/// </summary>
public sealed class DeviceService(IDbContextFactory<ReceptionDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan PairingLifetime = TimeSpan.FromMinutes(10);

    // Screens waiting for a code are created by anyone who opens /wall; this caps what that can cost.
    public const int MaxWaitingScreens = 200;
    private static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    /// <summary>The site's phones for a foreman; screens too for those who may pair them. Newest first.</summary>
    public async Task<IReadOnlyList<DeviceDto>> ListAsync(SiteCall call)
    {
        call.Demand(Permission.ManagePhones);
        var screensToo = Access.Allows(call.User, call.SiteId, Permission.ManageScreens);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.SiteId == call.SiteId && (screensToo || d.Kind == DeviceKind.GuardPhone))
            .ToListAsync(call.Cancellation);
        return devices.OrderByDescending(d => d.CreatedAt).Select(d => d.ToDto()).ToList();
    }

    /// <summary>What the enrolment page names before the phone commits: the site and post, or null for a dead code.</summary>
    public async Task<(string SiteName, string PostName)?> DescribeEnrolmentAsync(string? code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var phone = await db.PendingPhoneAsync(code, Now, ct);
        if (phone is null)
        {
            return null;
        }

        var siteName = await db.Sites.Where(s => s.Id == phone.SiteId).Select(s => s.Name).SingleAsync(ct);
        var postName = await db.Posts.Where(p => p.Id == phone.PostId).Select(p => p.Name).SingleAsync(ct);
        return (siteName, postName);
    }

    /// <summary>
    /// The screen behind this browser's cookie, ready to show a code or its wall: a waiting screen
    /// keeps its cookie and gets a fresh code when the old one expired; a revoked or unknown one
    /// starts over. <c>NewSecret</c> is set when the cookie must be (re)written.
    /// </summary>
    public async Task<(Device Screen, string? NewSecret)> ScreenForAsync(string? secret, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var screen = await db.DeviceBySecretAsync(secret, ct);
        if (screen?.Kind == DeviceKind.GuardPhone)
        {
            // Never trade a phone's enrolment for a pairing code.
            throw new ConflictException(DeviceText.Get("Device.PhoneNotScreen"));
        }

        if (screen is { Status: not DeviceStatus.Revoked })
        {
            if (screen.Status == DeviceStatus.Pending && !screen.CodeValid(now))
            {
                screen.RenewPairingCode(now, PairingLifetime);
                await db.SaveChangesAsync(ct);
            }

            return (screen, null);
        }

        // Screens that never got paired are forgotten after a day.
        var forgotten = now - TimeSpan.FromDays(1);
        await db.Devices.Where(d => d.Kind == DeviceKind.WallScreen && d.Status == DeviceStatus.Pending && d.CodeExpiresAt < forgotten).ExecuteDeleteAsync(ct);
        var waiting = await db.Devices.CountAsync(d => d.Kind == DeviceKind.WallScreen && d.Status == DeviceStatus.Pending && d.CodeExpiresAt > now, ct);
        if (waiting >= MaxWaitingScreens)
        {
            throw new ConflictException(DeviceText.Get("Device.TooManyWaiting"));
        }

        var (fresh, newSecret) = Device.WaitForPairing(now, PairingLifetime);
        db.Devices.Add(fresh);
        await db.SaveChangesAsync(ct);
        return (fresh, newSecret);
    }

    /// <summary>The active device holding this secret, noting when it was last seen; null for anything else.</summary>
    public async Task<Device?> ActiveDeviceAsync(string? secret, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var device = await db.DeviceBySecretAsync(secret, ct);
        if (device is null || !device.IsActive)
        {
            return null;
        }

        var now = Now;
        if (device.LastSeenAt is null || now - device.LastSeenAt > LastSeenPrecision)
        {
            device.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }

        return device;
    }

    /// <summary>The post name of the active phone holding this secret, for its sign-in page; null for anything else.</summary>
    public async Task<string?> PhonePostNameAsync(string? secret, CancellationToken ct)
    {
        var phone = await ActiveDeviceAsync(secret, ct);
        if (phone is not { Kind: DeviceKind.GuardPhone })
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Posts.Where(p => p.Id == phone.PostId).Select(p => p.Name).SingleAsync(ct);
    }

    /// <summary>The post of the phone a guard signed in on, or null when they did not sign in on a phone.</summary>
    public async Task<(Guid PostId, string PostName)?> PhonePostAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.DeviceIdOf() is not { } deviceId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var post = await db.Devices.Where(d => d.Id == deviceId && d.Kind == DeviceKind.GuardPhone)
            .Join(db.Posts, d => d.PostId, p => p.Id, (d, p) => new { p.Id, p.Name })
            .SingleOrDefaultAsync(ct);
        return post is null ? null : (post.Id, post.Name);
    }

    /// <summary>The device holding this secret, whatever its state; null for an unknown secret.</summary>
    public async Task<DeviceDto?> HolderAsync(string? secret, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.DeviceBySecretAsync(secret, ct))?.ToDto();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
