using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Devices;

/// <summary>Guard phones and wall screens: enrolment, pairing, revocation, and finding a device by its cookie.</summary>
public sealed class DeviceService(IDbContextFactory<ReceptionDbContext> dbFactory, HubConnections connections, TimeProvider clock)
{
    public static readonly TimeSpan EnrolmentLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan PairingLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Raised with a device's id when it is revoked, so that open pages of a screen leave at once;
    /// hub connections are closed through <see cref="HubConnections"/>, other requests are refused by their cookie check.
    /// </summary>
    public event Action<Guid>? Revoked;

    // Screens waiting for a code are created by anyone who opens /wall; this caps what that can cost.
    public const int MaxWaitingScreens = 200;
    private static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    /// <summary>The site's phones for a foreman; screens too for those who may pair them. Newest first.</summary>
    public async Task<IReadOnlyList<DeviceDto>> ListAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManagePhones);
        var screensToo = Access.Allows(user, siteId, Permission.ManageScreens);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.SiteId == siteId && (screensToo || d.Kind == DeviceKind.GuardPhone))
            .ToListAsync(ct);
        return devices.OrderByDescending(d => d.CreatedAt).Select(d => d.ToDto()).ToList();
    }

    /// <param name="baseUri">The address phones reach the product at, ending in a slash.</param>
    public async Task<PhoneEnrolmentDto> EnrolPhoneAsync(ClaimsPrincipal user, Guid siteId, EnrolPhoneRequest request, string baseUri, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManagePhones);
        var foremanId = Access.DemandSignedIn(user);
        if (Validation.TrimToNull(request.Name) is { Length: > Validation.NameMaxLength })
        {
            throw RuleViolationException.For("name", ErrorText.Get("MaxLength", Validation.NameMaxLength));
        }

        if (Validation.HasControlCharacters(request.Name))
        {
            throw RuleViolationException.For("name", Validation.ControlCharactersRefused());
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.SiteId == siteId && p.Id == request.PostId && !p.Archived, ct)
            ?? throw RuleViolationException.For("postId", ErrorText.Get("Device.PostUnknown"));
        var now = Now;
        var (phone, code) = Device.EnrolPhone(siteId, post.Id, Validation.TrimToNull(request.Name) ?? post.Name, foremanId, now, EnrolmentLifetime);
        db.Devices.Add(phone);
        await db.SaveChangesAsync(ct);
        return new PhoneEnrolmentDto(phone.ToDto(), code, $"{baseUri}phone/enrol?code={code}", phone.CodeExpiresAt!.Value);
    }

    public async Task<DeviceDto> ApproveScreenAsync(ClaimsPrincipal user, Guid siteId, ApproveScreenRequest request, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManageScreens);
        var managerId = Access.DemandSignedIn(user);
        var code = Device.NormalizeCode(request.Code);
        var name = Validation.TrimToNull(request.Name);
        var errors = new Dictionary<string, string[]>();
        if (code.Length != Device.PairingCodeLength)
        {
            errors["code"] = [ErrorText.Get("Device.EnterCode", Device.PairingCodeLength)];
        }

        if (name is { Length: > Validation.NameMaxLength })
        {
            errors["name"] = [ErrorText.Get("MaxLength", Validation.NameMaxLength)];
        }
        else if (Validation.HasControlCharacters(request.Name))
        {
            errors["name"] = [Validation.ControlCharactersRefused()];
        }

        if (!Enum.IsDefined(request.View))
        {
            errors["view"] = [Validation.ChooseOneOf<WallView>()];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var now = Now;
        var screen = await db.Devices.SingleOrDefaultAsync(d => d.Kind == DeviceKind.WallScreen && d.Code == code, ct);
        if (screen is null || !screen.CodeValid(now))
        {
            throw RuleViolationException.For("code", ErrorText.Get("Device.CodeUnknown"));
        }

        screen.ApprovePairing(siteId, name ?? ErrorText.Get("Device.DefaultScreenName"), request.View, managerId, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ErrorText.Get("Device.AlreadyPaired"));
        }

        return screen.ToDto();
    }

    public async Task<DeviceDto> RevokeAsync(ClaimsPrincipal user, Guid siteId, Guid deviceId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManagePhones);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var device = await db.Devices.SingleOrDefaultAsync(d => d.SiteId == siteId && d.Id == deviceId, ct);
        if (device is null || (device.Kind == DeviceKind.WallScreen && !Access.Allows(user, siteId, Permission.ManageScreens)))
        {
            throw new NotFoundException("Device", deviceId);
        }

        if (device.Revoke(Now))
        {
            await db.SaveChangesAsync(ct);
            connections.AbortAll(device.Id);
            Revoked?.Invoke(device.Id);
        }

        return device.ToDto();
    }

    /// <summary>What the enrolment page names before the phone commits: the site and post, or null for a dead code.</summary>
    public async Task<(string SiteName, string PostName)?> DescribeEnrolmentAsync(string? code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var phone = await PendingPhoneAsync(db, code, ct);
        if (phone is null)
        {
            return null;
        }

        var siteName = await db.Sites.Where(s => s.Id == phone.SiteId).Select(s => s.Name).SingleAsync(ct);
        var postName = await db.Posts.Where(p => p.Id == phone.PostId).Select(p => p.Name).SingleAsync(ct);
        return (siteName, postName);
    }

    /// <returns>The phone's secret for its cookie, or null if the code is unknown, used or expired.</returns>
    public async Task<string?> RedeemEnrolmentAsync(string? code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var phone = await PendingPhoneAsync(db, code, ct);
        if (phone is null)
        {
            return null;
        }

        var secret = phone.RedeemEnrolment(Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null; // another phone redeemed the code a moment earlier
        }

        return secret;
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
        var screen = await FindAsync(db, secret, ct);
        if (screen?.Kind == DeviceKind.GuardPhone)
        {
            // Never trade a phone's enrolment for a pairing code.
            throw new ConflictException(ErrorText.Get("Device.PhoneNotScreen"));
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
            throw new ConflictException(ErrorText.Get("Device.TooManyWaiting"));
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
        var device = await FindAsync(db, secret, ct);
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
        return (await FindAsync(db, secret, ct))?.ToDto();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static Task<Device?> FindAsync(ReceptionDbContext db, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(Device.SecretPrefix, StringComparison.Ordinal))
        {
            return Task.FromResult<Device?>(null);
        }

        var hash = Device.Hash(secret);
        return db.Devices.SingleOrDefaultAsync(d => d.SecretHash == hash, ct);
    }

    private async Task<Device?> PendingPhoneAsync(ReceptionDbContext db, string? code, CancellationToken ct)
    {
        var normalized = Device.NormalizeCode(code);
        if (normalized.Length != Device.EnrolmentCodeLength)
        {
            return null;
        }

        var hash = Device.Hash(normalized);
        var phone = await db.Devices.SingleOrDefaultAsync(d => d.Kind == DeviceKind.GuardPhone && d.Code == hash, ct);
        return phone is not null && phone.CodeValid(Now) ? phone : null;
    }
}
