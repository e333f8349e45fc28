using Microsoft.AspNetCore.Identity;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Identity's refusals (a password too short, a taken or malformed user name, a wrong current
/// password) in the caller's language, like every other refusal. The codes stay Identity's.
/// </summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Identity.Default");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Identity.Concurrency");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Identity.PasswordMismatch");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Identity.PasswordTooShort", length);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Identity.InvalidUserName", userName);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Account.NameTaken", userName);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Identity.Default");

    private static IdentityError Error(string code, string key, params object?[] args) => new() { Code = code, Description = AccountText.Get(key, args) };
}
