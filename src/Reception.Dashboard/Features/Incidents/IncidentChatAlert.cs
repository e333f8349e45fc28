using System.Globalization;
using Reception.Dashboard.Features.Visits;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// What the duty chat's webhook receives when an incident goes up, like a visit's alerts: one line in Chinese and one
/// in English, with the kind of alert for receivers that format their own. A chat is read by many and kept: the lines
/// carry the incident's kind, its unit and its age only, never the person, their phone or what was said (desk §2.8).
/// The lines are <c>Chat.*</c> in the incident texts. Not a <see cref="ChatAlert"/>: that one names a visit.
/// </summary>
public sealed record IncidentChatAlert(string Kind, string Text, string TextEn)
{
    private static readonly ResourceText Words = new(typeof(IncidentText));

    public static IncidentChatAlert Escalated(Incident incident, EscalationReason reason, DateTime now)
    {
        var (kind, key) = reason switch
        {
            EscalationReason.NotForwardedInTime => ("incident-not-forwarded", "Chat.NotForwardedInTime"),
            EscalationReason.NotResolvedInTime => ("incident-not-resolved", "Chat.NotResolvedInTime"),
            _ => ("incident-escalated", "Chat.Escalated"),
        };
        return new IncidentChatAlert(kind, Line(VisitText.Chinese, key, incident, now), Line(VisitText.English, key, incident, now));
    }

    private static string Line(CultureInfo culture, string key, Incident incident, DateTime now) =>
        Words.In(culture, key,
            Words.In(culture, $"Kind.{incident.Kind}"),
            incident.UnitNumber ?? Words.In(culture, "List.NoUnit"),
            Age(culture, now - incident.RaisedAt));

    /// <summary>As the desk's lists word an age, in whole minutes: at least one, since "open for just now" reads wrong.</summary>
    private static string Age(CultureInfo culture, TimeSpan age) =>
        age.TotalHours < 1 ? Words.In(culture, "Age.Minutes", Math.Max(1, (int)age.TotalMinutes))
        : age.TotalDays < 1 ? Words.In(culture, "Age.HoursMinutes", (int)age.TotalHours, age.Minutes)
        : Words.In(culture, "Age.DaysHours", (int)age.TotalDays, age.Hours);
}
