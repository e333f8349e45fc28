using System.Net;
using System.Text.Json;

namespace Reception.Dashboard.Client;

/// <summary>The server refused a command (a 4xx), or kept failing after every retry. <see cref="Detail"/> is worded for a person.</summary>
public sealed class BoardApiException : Exception
{
    internal BoardApiException(HttpStatusCode status, string body)
        : base(MessageOf(status, body, out var title, out var detail))
    {
        Status = status;
        Body = body;
        Title = title;
        Detail = detail;
    }

    /// <summary>The HTTP status the server answered.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's title, when the answer was problem+json.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail, when the answer was problem+json.</summary>
    public string? Detail { get; }

    /// <summary>The raw answer.</summary>
    public string Body { get; }

    private static string MessageOf(HttpStatusCode status, string body, out string? title, out string? detail)
    {
        title = detail = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                title = problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's error page, say): the status alone speaks.
        }

        return $"{(int)status} {detail ?? title ?? status.ToString()}";
    }
}
