using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// Turns domain refusals, unreadable requests and database conflicts into problem+json, in every
/// environment and whatever the caller accepts. Any other failure on an API path becomes a 500
/// without internals.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the caller went away; there is no one to answer
        }

        var problem = ToProblem(exception);
        if (problem is null)
        {
            if (!ApiPaths.IsApi(httpContext.Request.Path))
            {
                return false;
            }

            logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on the server.",
                Detail = "The error was logged. Try again; if it happens again, tell your administrator.",
            };
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    private static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        RuleViolationException rule => Invalid(rule.Errors, rule.Message),
        UnauthenticatedException => new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Not signed in.",
            Detail = "Sign in first.",
        },
        ForbiddenException forbidden => new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Not allowed.",
            Detail = forbidden.Message,
        },
        NotFoundException notFound => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found.",
            Detail = notFound.Message,
        },
        ConflictException conflict => WithExtensions(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict.",
            Detail = conflict.Message,
        }, conflict.Extensions),
        // A value of the wrong type for one field (a time of "25:00", an id that is no Guid) is a
        // field error; the body itself was readable. Malformed JSON throws a reader exception, a subtype.
        BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } json } when json.GetType() == typeof(JsonException) =>
            Invalid(new Dictionary<string, string[]> { [path[2..]] = ["This value is not valid here."] }, "One or more fields are invalid."),
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "The request could not be read.",
            Detail = bad.InnerException?.Message ?? bad.Message,
        },
        DbUpdateConcurrencyException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict.",
            Detail = "The record was changed by someone else. Reload it and apply your change again.",
        },
        // A uniqueness race between a check and the insert (or a repeated key sent twice at once).
        DbUpdateException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict.",
            Detail = "The change conflicts with a record written at the same moment. Reload and try again.",
        },
        SqliteException { SqliteErrorCode: 5 or 6 } => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is busy.",
            Detail = "Another program is holding the database. Try again in a moment.",
        },
        _ => null,
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
