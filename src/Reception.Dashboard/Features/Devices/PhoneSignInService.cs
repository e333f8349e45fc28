using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Features.Devices;

public enum PhoneSignInOutcome
{
    SignedIn,
    NotEnrolled,
    WrongCredentials,
    LockedOut,
}

public static class PhoneSignInOutcomes
{
    /// <summary>What the guard is told, on the phone's page and in the API's problem alike.</summary>
    public static string Message(this PhoneSignInOutcome outcome) => DeviceText.Get(outcome switch
    {
        PhoneSignInOutcome.NotEnrolled => "Phone.NotEnrolled",
        PhoneSignInOutcome.LockedOut => "Phone.LockedOut",
        _ => "Phone.WrongPin",
    });
}

/// <summary>
/// A guard signs in on an enrolled phone with their staff number and PIN. The PIN is short, so it
/// only works on a phone the site enrolled, it locks out on its own after five misses, and the
/// session it opens is a guard's at the phone's site and nothing more, whatever else the account
/// may do elsewhere.
/// </summary>
public sealed class PhoneSignInService(
    SignInManager<User> signIn,
    UserManager<User> users,
    IOptions<IdentityOptions> identityOptions,
    IDbContextFactory<ReceptionDbContext> dbFactory,
    DeviceService devices,
    TimeProvider clock)
{
    public const int PinMinLength = 4;
    public const int PinMaxLength = 8;
    public const int MaxPinFailures = 5;
    public static readonly TimeSpan PinLockout = TimeSpan.FromMinutes(5);

    // A shift and its handover; the phone asks again for the next shift.
    public static readonly TimeSpan SessionLength = UserSessions.IdleLifetime;

    public async Task<(PhoneSignInOutcome Outcome, Guid? SiteId)> SignInAsync(string? deviceSecret, string? staffNumber, string? pin, CancellationToken ct)
    {
        var phone = await devices.ActiveDeviceAsync(deviceSecret, ct);
        if (phone is not { Kind: DeviceKind.GuardPhone })
        {
            return (PhoneSignInOutcome.NotEnrolled, null);
        }

        var siteId = phone.SiteId!.Value;
        var user = await FindUserAsync(siteId, staffNumber, ct);
        if (user is null || user.PinHash is null || string.IsNullOrEmpty(pin))
        {
            // Spend the time a real check takes, so the answer's speed does not tell which numbers exist.
            users.PasswordHasher.HashPassword(new User(), pin ?? "");
            return (PhoneSignInOutcome.WrongCredentials, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (user.PinLockedUntil > now)
        {
            return (PhoneSignInOutcome.LockedOut, null);
        }

        if (users.PasswordHasher.VerifyHashedPassword(user, user.PinHash, pin) == PasswordVerificationResult.Failed)
        {
            user.PinFailures++;
            if (user.PinFailures >= MaxPinFailures)
            {
                (user.PinFailures, user.PinLockedUntil) = (0, now + PinLockout);
            }

            await users.UpdateAsync(user);
            return (user.PinLockedUntil > now ? PhoneSignInOutcome.LockedOut : PhoneSignInOutcome.WrongCredentials, null);
        }

        if (user.Disabled)
        {
            return (PhoneSignInOutcome.WrongCredentials, null);
        }

        (user.PinFailures, user.PinLockedUntil) = (0, null);
        await users.UpdateAsync(user);
        var properties = new AuthenticationProperties
        {
            IsPersistent = true,
            ExpiresUtc = clock.GetUtcNow() + SessionLength,
            AllowRefresh = false, // the session ends with the shift however busy the phone is
        };
        await signIn.Context.SignInAsync(IdentityConstants.ApplicationScheme, GuardOnPhone(user, siteId, phone.Id), properties);
        return (PhoneSignInOutcome.SignedIn, siteId);
    }

    /// <summary>Sets the signed-in person's own PIN; their password proves it is them, and wrong ones count towards lockout.</summary>
    public async Task SetPinAsync(ClaimsPrincipal principal, SetPinRequest request)
    {
        Access.DemandPerson(principal, () => DeviceText.Get("Pin.PersonOnly"));

        var user = await users.GetUserAsync(principal) ?? throw new UnauthenticatedException();
        var pin = request.Pin ?? "";
        if (pin.Length is < PinMinLength or > PinMaxLength || !pin.All(char.IsAsciiDigit))
        {
            throw RuleViolationException.For("pin", DeviceText.Get("Pin.Format", PinMinLength, PinMaxLength));
        }

        var check = await signIn.CheckPasswordSignInAsync(user, request.CurrentPassword ?? "", lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            throw RuleViolationException.For("currentPassword", DeviceText.Get(check.IsLockedOut ? "Pin.PasswordLocked" : "Pin.WrongPassword"));
        }

        user.ClearPin();
        user.PinHash = users.PasswordHasher.HashPassword(user, pin);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new ConflictException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    // The claims a cookie sign-in would carry, minus every role but Guard at the phone's site.
    private ClaimsPrincipal GuardOnPhone(User user, Guid siteId, Guid phoneId) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new Claim(ClaimTypes.Name, user.UserName ?? ""),
        new Claim(ReceptionClaims.DisplayName, user.DisplayName),
        new Claim(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType, user.SecurityStamp ?? ""),
        new Claim(ReceptionClaims.DeviceId, phoneId.ToString()),
        ReceptionClaims.ForSiteRole(siteId, SiteRole.Guard),
    ], IdentityConstants.ApplicationScheme));

    private async Task<User?> FindUserAsync(Guid siteId, string? staffNumber, CancellationToken ct)
    {
        var number = Validation.TrimToNull(staffNumber);
        if (number is null)
        {
            return null;
        }

        // Only a Guard at the phone's site: a staff record linked to someone who holds no role here,
        // or another role, or Guard at another site only, opens nothing.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = await db.Staff.AsNoTracking()
            .Where(s => s.SiteId == siteId && s.StaffNumber == number && s.Active && s.UserId != null)
            .Where(s => db.UserSiteRoles.Any(r => r.UserId == s.UserId && r.SiteId == siteId && r.Role == SiteRole.Guard))
            .Select(s => s.UserId)
            .FirstOrDefaultAsync(ct);
        return userId is null ? null : await users.FindByIdAsync(userId.Value.ToString());
    }
}
