namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// The account pages' words and the accounts' refusals: <c>AccountText.resx</c> (English) and
/// <c>AccountText.zh-Hans.resx</c>; every key in both. Pages read them through
/// <c>IStringLocalizer&lt;AccountText&gt;</c>; singleton services through <see cref="Get"/> in the caller's culture.
/// </summary>
public sealed class AccountText
{
    private static readonly ResourceText Words = new(typeof(AccountText));

    public static string Get(string key, params object?[] args) => Words.Get(key, args);
}
