using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Sites;

/// <summary>A site's time zone as people name it, in the page's language: "北京时间", not "Asia/Shanghai".</summary>
public static class TimeZoneNames
{
    // China's one time zone (UTC+8, no daylight saving) under every name the system knows it by.
    private static readonly HashSet<string> Beijing = new(StringComparer.OrdinalIgnoreCase)
    {
        "Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC", "China Standard Time",
    };

    public static string Of(string timeZoneId)
    {
        if (Beijing.Contains(timeZoneId))
        {
            return AdminText.Get("Site.BeijingTime");
        }

        // Elsewhere the system's own name for the zone ("Japan Standard Time"), without the offset it
        // puts first; the id only when the system has no zone or no name for it.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return timeZoneId;
        }

        var name = zone.DisplayName;
        var offsetEnd = name.StartsWith("(UTC", StringComparison.Ordinal) ? name.IndexOf(") ", StringComparison.Ordinal) : -1;
        if (offsetEnd > 0)
        {
            name = name[(offsetEnd + 2)..];
        }

        return string.IsNullOrWhiteSpace(name) ? timeZoneId : name;
    }
}
