namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The words of lobby incidents and their refusals (<c>IncidentText.resx</c>, <c>IncidentText.zh-Hans.resx</c>).
/// Pages read them through <c>IStringLocalizer&lt;IncidentText&gt;</c>; the use cases, singletons without a
/// localizer per request, through <see cref="Get"/> in the caller's language.
/// </summary>
public sealed class IncidentText
{
    private static readonly ResourceText Words = new(typeof(IncidentText));

    public static string Get(string key, params object?[] args) => Words.Get(key, args);
}
