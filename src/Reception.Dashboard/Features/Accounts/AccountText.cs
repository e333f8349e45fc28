using System.Globalization;
using System.Resources;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// The account pages' words and the accounts' refusals: <c>AccountText.resx</c> (English) and
/// <c>AccountText.zh-Hans.resx</c>; every key in both. Pages read them through
/// <c>IStringLocalizer&lt;AccountText&gt;</c>; singleton services through <see cref="Get"/> in the caller's culture.
/// </summary>
public sealed class AccountText
{
    private static readonly ResourceManager Resources = new("Reception.Dashboard.Features.Accounts.AccountText", typeof(AccountText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var text = Resources.GetString(key) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
