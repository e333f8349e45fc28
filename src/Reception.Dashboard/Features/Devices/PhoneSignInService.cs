using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Features.Devices;

public enum PhoneSignInOutcome
{
    SignedIn,
    NotEnrolled,
    WrongCredentials,
    LockedOut,
}

/// <summary>
/// A guard signs in on an enrolled phone with their staff number and PIN. The PIN is short, so it
/// only works on a phone the site enrolled, and wrong PINs count towards the account's lockout.
/// </summary>
public sealed class PhoneSignInService(
    SignInManager<User> signIn,
    UserManager<User> users,
    IDbContextFactory<ReceptionDbContext> dbFactory,
    DeviceService devices,
    TimeProvider clock)
{
    public const int PinMinLength = 4;
    public const int PinMaxLength = 8;

    // A shift and its handover; the phone asks again for the next shift.
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(14);

    public async Task<(PhoneSignInOutcome Outcome, Guid? SiteId)> SignInAsync(string? deviceSecret, string? staffNumber, string? pin, CancellationToken ct)
    {
        var phone = await devices.ActiveDeviceAsync(deviceSecret, ct);
        if (phone is not { Kind: DeviceKind.GuardPhone })
        {
            return (PhoneSignInOutcome.NotEnrolled, null);
        }

        var user = await FindUserAsync(phone.SiteId!.Value, staffNumber, ct);
        if (user is null || user.PinHash is null || string.IsNullOrEmpty(pin))
        {
            // Spend the time a real check takes, so the answer's speed does not tell which numbers exist.
            users.PasswordHasher.HashPassword(new User(), pin ?? "");
            return (PhoneSignInOutcome.WrongCredentials, null);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return (PhoneSignInOutcome.LockedOut, null);
        }

        if (users.PasswordHasher.VerifyHashedPassword(user, user.PinHash, pin) == PasswordVerificationResult.Failed)
        {
            await users.AccessFailedAsync(user);
            return (await users.IsLockedOutAsync(user) ? PhoneSignInOutcome.LockedOut : PhoneSignInOutcome.WrongCredentials, null);
        }

        if (user.Disabled)
        {
            return (PhoneSignInOutcome.WrongCredentials, null);
        }

        await users.ResetAccessFailedCountAsync(user);
        var properties = new AuthenticationProperties { IsPersistent = true, ExpiresUtc = clock.GetUtcNow() + SessionLength };
        await signIn.SignInWithClaimsAsync(user, properties, [new Claim(ReceptionClaims.DeviceId, phone.Id.ToString())]);
        return (PhoneSignInOutcome.SignedIn, phone.SiteId);
    }

    /// <summary>Sets the signed-in person's own PIN; their password proves it is them.</summary>
    public async Task SetPinAsync(ClaimsPrincipal principal, SetPinRequest request)
    {
        Access.DemandSignedIn(principal);
        if (principal.TokenIdOf() is not null || principal.DeviceIdOf() is not null)
        {
            throw new ForbiddenException(ErrorText.Get("Pin.PersonOnly"));
        }

        var user = await users.GetUserAsync(principal) ?? throw new UnauthenticatedException();
        var pin = request.Pin ?? "";
        if (pin.Length is < PinMinLength or > PinMaxLength || !pin.All(char.IsAsciiDigit))
        {
            throw RuleViolationException.For("pin", ErrorText.Get("Pin.Format", PinMinLength, PinMaxLength));
        }

        if (!await users.CheckPasswordAsync(user, request.CurrentPassword ?? ""))
        {
            throw RuleViolationException.For("currentPassword", ErrorText.Get("Pin.WrongPassword"));
        }

        user.PinHash = users.PasswordHasher.HashPassword(user, pin);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new ConflictException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private async Task<User?> FindUserAsync(Guid siteId, string? staffNumber, CancellationToken ct)
    {
        var number = Validation.TrimToNull(staffNumber);
        if (number is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = await db.Staff.AsNoTracking()
            .Where(s => s.SiteId == siteId && s.StaffNumber == number && s.Active && s.UserId != null)
            .Select(s => s.UserId)
            .FirstOrDefaultAsync(ct);
        return userId is null ? null : await users.FindByIdAsync(userId.Value.ToString());
    }
}
