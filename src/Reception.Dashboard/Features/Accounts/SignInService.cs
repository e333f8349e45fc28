using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Reception.Dashboard.Features.Accounts;

public enum SignInOutcomeKind
{
    SignedIn,
    WrongCredentials,
    LockedOut,
    Disabled,
}

/// <summary>The result of a sign-in; <paramref name="Message"/> is what the person is told.</summary>
public sealed record SignInOutcome(SignInOutcomeKind Kind, string Message, User? User = null, DateTimeOffset? LockedUntil = null);

/// <summary>Password sign-in for the sign-in page and the JSON endpoint alike. Needs the request's HttpContext (cookie).</summary>
public sealed class SignInService(SignInManager<User> signIn, UserManager<User> users, IDbContextFactory<ReceptionDbContext> dbFactory, IStringLocalizer<AccountText> text)
{
    // One message for an unknown user and a wrong password, so the form does not reveal who has an account.
    public const string WrongCredentialsKey = "SignIn.WrongCredentials";

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, bool persistent)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new SignInOutcome(SignInOutcomeKind.WrongCredentials, text[WrongCredentialsKey]);
        }

        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            // Spend the time a real password check takes, so the answer's speed does not tell who has an account.
            users.PasswordHasher.HashPassword(new User(), password);
            return new SignInOutcome(SignInOutcomeKind.WrongCredentials, text[WrongCredentialsKey]);
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            var until = user.LockoutEnd ?? DateTimeOffset.UtcNow;
            var local = await ToSiteTimeAsync(user.Id, until);
            return new SignInOutcome(SignInOutcomeKind.LockedOut,
                text["SignIn.Locked", local.ToString("HH:mm"), local.ToString("yyyy-MM-dd")],
                user, until);
        }

        if (!check.Succeeded)
        {
            return new SignInOutcome(SignInOutcomeKind.WrongCredentials, text[WrongCredentialsKey]);
        }

        if (user.Disabled)
        {
            return new SignInOutcome(SignInOutcomeKind.Disabled, text["SignIn.Disabled"], user);
        }

        await signIn.SignInAsync(user, persistent);
        return new SignInOutcome(SignInOutcomeKind.SignedIn, "", user);
    }

    /// <summary>Shows the unlock time in the time zone of a site the user works at, else UTC.</summary>
    private async Task<DateTimeOffset> ToSiteTimeAsync(Guid userId, DateTimeOffset utc)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var zoneId = await db.UserSiteRoles.Where(r => r.UserId == userId)
            .Join(db.Sites, r => r.SiteId, s => s.Id, (r, s) => s.TimeZoneId)
            .FirstOrDefaultAsync();
        return zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)
            ? TimeZoneInfo.ConvertTime(utc, zone)
            : utc;
    }
}
