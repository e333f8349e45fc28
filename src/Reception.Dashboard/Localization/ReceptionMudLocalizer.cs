using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Reception.Dashboard.Localization;

/// <summary>Answers MudBlazor's keys from <c>MudTexts</c>; a key it lacks falls back to MudBlazor's English.</summary>
public sealed class ReceptionMudLocalizer(IStringLocalizer<MudTexts> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];
}
