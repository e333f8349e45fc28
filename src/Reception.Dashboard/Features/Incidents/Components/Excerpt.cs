namespace Reception.Dashboard.Features.Incidents.Components;

/// <summary>The start of an incident's text on one line, for a row that tells one incident from another; the details show it whole.</summary>
public static class Excerpt
{
    public static string Of(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..length] + "…";
    }
}
