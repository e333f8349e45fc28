using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Turns domain refusals, unreadable requests and database conflicts into problem+json, in every
/// environment and whatever the caller accepts, worded in the caller's language and naming no type
/// of the server's code. Any other failure on an API path becomes a 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the caller went away; there is no one to answer
        }

        // The middleware has already pointed the request at the error page; the feature remembers
        // where it was going, and which endpoint failed.
        var failed = httpContext.Features.Get<IExceptionHandlerPathFeature>();
        var problem = ToProblem(exception, httpContext, failed?.Endpoint);
        if (problem is null)
        {
            var path = failed is null ? httpContext.Request.Path : new PathString(failed.Path);
            if (!ApiPaths.IsApi(path))
            {
                return false;
            }

            logger.LogError(exception, "Unhandled error on {Path}", path);
            problem = Problem(StatusCodes.Status500InternalServerError, ErrorText.Get("Problem.ServerError"));
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    private static ProblemDetails? ToProblem(Exception exception, HttpContext context, Endpoint? endpoint) => exception switch
    {
        RuleViolationException rule => Invalid(rule.Errors, rule.Message),
        UnauthenticatedException => Problem(StatusCodes.Status401Unauthorized, exception.Message),
        ForbiddenException => Problem(StatusCodes.Status403Forbidden, exception.Message),
        NotFoundException => Problem(StatusCodes.Status404NotFound, exception.Message),
        ConflictException conflict => WithExtensions(Problem(StatusCodes.Status409Conflict, conflict.Message), conflict.Extensions),
        BadHttpRequestException bad => Unreadable(bad, context, endpoint),
        DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, ErrorText.Get("Problem.ChangedMeanwhile")),
        // A uniqueness race between a check and the insert (or a repeated key sent twice at once).
        DbUpdateException => Problem(StatusCodes.Status409Conflict, ErrorText.Get("Problem.WrittenMeanwhile")),
        WritersBusyException => Problem(StatusCodes.Status503ServiceUnavailable, exception.Message),
        SqliteException { SqliteErrorCode: 5 or 6 } => Problem(StatusCodes.Status503ServiceUnavailable, ErrorText.Get("Problem.DatabaseBusy")),
        _ => null,
    };

    /// <summary>
    /// A body or address value the binder could not read. The messages of System.Text.Json and of the
    /// binder name .NET types and parameters, so none of them reaches the caller; the JSON path does.
    /// </summary>
    private static ProblemDetails Unreadable(BadHttpRequestException bad, HttpContext context, Endpoint? endpoint) => bad.InnerException switch
    {
        // Malformed JSON is the reader's exception (a subtype), alone or wrapped in one that adds the path.
        JsonException json when json.GetType() != typeof(JsonException) || json.InnerException is JsonException =>
            Problem(StatusCodes.Status400BadRequest, ErrorText.Get("Body.NotJson", (json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1)),
        // A value of the wrong type for one field (a time of "25:00", an id that is no Guid) is a
        // field error; the body itself was readable.
        JsonException { Path: { Length: > 2 } path } =>
            Invalid(new Dictionary<string, string[]> { [path[2..]] = [ErrorText.Get("WrongType")] }, ErrorText.Get("FieldsInvalid")),
        // Readable, but the whole body is of the wrong type: an array, a string or a number instead of an object.
        JsonException => Problem(StatusCodes.Status400BadRequest, ErrorText.Get("Body.NotAnObject")),
        _ when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType => Problem(bad.StatusCode, ErrorText.Get("Body.ContentType")),
        _ when TakesBody(endpoint) && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true =>
            Problem(StatusCodes.Status400BadRequest, ErrorText.Get("Body.Missing")),
        _ => Problem(bad.StatusCode, ErrorText.Get("Request.Unreadable")),
    };

    private static bool TakesBody(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 };

    private static ProblemDetails Problem(int status, string detail) => new()
    {
        Status = status,
        Title = ApiProblems.Title(status),
        Detail = detail,
    };

    private static HttpValidationProblemDetails Invalid(IReadOnlyDictionary<string, string[]> errors, string title) => new(errors.ToDictionary())
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = title,
    };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}
