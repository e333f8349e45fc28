namespace Reception.Dashboard.Features.Incidents.Components;

/// <summary>
/// The units a number typed at the desk names. The desk types "A101" or "a 101" for 「A座 101」: spaces do not count,
/// nor case, and a number typed in Latin letters and digits alone matches on the unit's letters and digits alone.
/// </summary>
public static class UnitMatch
{
    /// <summary>A unit's number as incidents record it.</summary>
    public static string Number(UnitDto unit) => IncidentMapping.UnitNumber(unit.Building, unit.Room);

    /// <summary>At most <paramref name="limit"/> units, those the number names exactly first, then in the registry's order.</summary>
    public static List<UnitDto> Find(IEnumerable<UnitDto> units, string typed, int limit)
    {
        var key = Compact(typed);
        var latin = Latin(typed);
        var typedInLatin = latin.Length == key.Length;
        return units
            .Select(unit => (Unit: unit, Key: Compact(unit.Building + unit.Room), Latin: Latin(unit.Building + unit.Room)))
            .Where(u => u.Key.Contains(key, StringComparison.Ordinal) || (typedInLatin && u.Latin.Contains(latin, StringComparison.Ordinal)))
            .OrderBy(u => u.Key == key || (typedInLatin && u.Latin == latin) || Compact(u.Unit.Room) == key ? 0 : 1)
            .Take(limit)
            .Select(u => u.Unit)
            .ToList();
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    private static string Latin(string text) => string.Concat(text.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
}
