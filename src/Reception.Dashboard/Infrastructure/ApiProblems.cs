namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// The words of API problems that no service chose: a title for each status, and the detail for a
/// status the pipeline set without a body (an address the API does not have, a method or content
/// type the address does not take, a missing sign-in or permission). In the caller's language, like
/// every refusal; never the framework's English reason phrase.
/// </summary>
public static class ApiProblems
{
    public static string Title(int status) => status switch
    {
        StatusCodes.Status422UnprocessableEntity => ErrorText.Get("FieldsInvalid"),
        400 or 401 or 403 or 404 or 405 or 409 or 415 or 429 or 500 or 503 => ErrorText.Get($"Status.{status}"),
        < 500 => ErrorText.Get("Status.400"),
        _ => ErrorText.Get("Status.500"),
    };

    /// <summary>Writes the problem for an API status code that was set without a body.</summary>
    public static Task WriteForStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status401Unauthorized => ErrorText.Get("SignInFirst"),
            StatusCodes.Status403Forbidden => ErrorText.Get("Problem.Forbidden"),
            // No endpoint at all; a known address with an unknown id answers with its own detail.
            StatusCodes.Status404NotFound when context.GetEndpoint() is null => ErrorText.Get("Problem.NoEndpoint"),
            StatusCodes.Status405MethodNotAllowed => ErrorText.Get("Problem.Method", context.Request.Method),
            StatusCodes.Status415UnsupportedMediaType => ErrorText.Get("Body.ContentType"),
            _ => null,
        };
        return TypedResults.Problem(detail, statusCode: status, title: Title(status)).ExecuteAsync(context);
    }
}
