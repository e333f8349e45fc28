namespace Reception.Dashboard.Localization;

/// <summary>Chinese for MudBlazor's own texts (pager, close buttons, pickers…); English is MudBlazor's default.</summary>
public sealed class MudTexts;
