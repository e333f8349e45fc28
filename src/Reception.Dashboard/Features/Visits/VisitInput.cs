using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Visits;

/// <summary>The rules a visit's inputs must keep, shared by the use cases that take them.</summary>
public static class VisitInput
{
    /// <summary>How far ahead a visit may be announced; anything further is a typing mistake.</summary>
    private static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    /// <summary>The arrival in UTC: a time without an offset is the site's local time (the "site local time").</summary>
    public static DateTime ArrivalUtc(DateTime? arrival, TimeZoneInfo zone)
    {
        if (arrival is not { } given)
        {
            throw RuleViolationException.For("arrival", VisitText.Get("GiveArrival"));
        }

        if (given.Kind != DateTimeKind.Unspecified)
        {
            return given.ToUniversalTime();
        }

        if (zone.IsInvalidTime(given))
        {
            // A local time skipped by a daylight-saving change does not exist at the site.
            throw RuleViolationException.For("arrival", VisitText.Get("ArrivalDoesNotExist"));
        }

        return TimeZoneInfo.ConvertTimeToUtc(given, zone);
    }

    internal static void EnsureFuture(DateTime arrival, DateTime now)
    {
        if (arrival <= now)
        {
            throw RuleViolationException.For("arrival", VisitText.Get("ArrivalPast"));
        }

        if (arrival > now + MaxAhead)
        {
            throw RuleViolationException.For("arrival", VisitText.Get("ArrivalTooFar"));
        }
    }

    internal static void CheckLevel(int level)
    {
        if (level is < 1 or > 3)
        {
            throw RuleViolationException.For("level", VisitText.Get("VisitLevel"));
        }
    }

    internal static IReadOnlyList<Guid> CheckRoute(IReadOnlyList<Guid> route, Dictionary<Guid, Post> posts)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < route.Count; i++)
        {
            if (!posts.ContainsKey(route[i]))
            {
                errors[$"route[{i}]"] = [VisitText.Get("UnknownPost")];
            }
        }

        if (route.Distinct().Count() != route.Count)
        {
            errors["route"] = [VisitText.Get("PostRepeated")];
        }

        return errors.Count > 0 ? throw new RuleViolationException(errors) : route;
    }

    /// <summary>A reason for a cancellation, a problem or leave: required, one paragraph or more, not too long.</summary>
    /// <param name="whenMissing">The key of the words that say which reason is missing: each caller asks for its own.</param>
    internal static string RequiredReason(string? reason, string whenMissing)
    {
        var trimmed = Validation.TrimToNull(reason) ?? throw RuleViolationException.For("reason", VisitText.Get(whenMissing));
        if (Validation.HasControlCharacters(trimmed, multiLine: true))
        {
            throw RuleViolationException.For("reason", Validation.ControlCharactersRefused());
        }

        return trimmed.Length <= Visit.ReasonMaxLength ? trimmed : throw RuleViolationException.For("reason", ErrorText.Get("MaxLength", Visit.ReasonMaxLength));
    }
}
