namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// A refusal by the domain. Services throw these so that HTTP endpoints, hub methods and
/// Blazor components all report the same rule the same way.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>An id in the address names nothing. Maps to 404. <paramref name="what"/> is the thing's name in the caller's language, from its feature's words.</summary>
public sealed class NotFoundException(string what, Guid id)
    : DomainException(ErrorText.Get("NotFound", what, id))
{
    /// <summary>The site: the one thing every feature lives in.</summary>
    public static NotFoundException Site(Guid id) => new(ErrorText.Get("Entity.Site"), id);
}

/// <summary>A conflict with the current state: an illegal transition, a duplicate, a stale version. Maps to 409.</summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? extensions = null)
    : DomainException(message)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    /// <summary>
    /// The caller based a change on an older version; the answer carries the current one so the caller
    /// can redo it. <paramref name="what"/> is the thing's name in the caller's language.
    /// </summary>
    public static ConflictException Stale<T>(string what, long currentVersion, T current) => new(
        ErrorText.Get("Stale", what, currentVersion),
        new Dictionary<string, object?> { ["currentVersion"] = currentVersion, ["current"] = current });
}

/// <summary>One or more fields break a rule. Maps to 422 with the errors per field.</summary>
public sealed class RuleViolationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException(ErrorText.Get("FieldsInvalid"))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RuleViolationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Nobody is signed in, or the sign-in is no longer valid. Maps to 401.</summary>
public sealed class UnauthenticatedException() : DomainException(ErrorText.Get("SignInFirst"));

/// <summary>The signed-in user may not do this. Maps to 403.</summary>
public sealed class ForbiddenException(string message) : DomainException(message);

/// <summary>Too many writes are waiting for the database; nothing was written. Maps to 503 with Retry-After.</summary>
public sealed class WritersBusyException() : DomainException(ErrorText.Get("Problem.WritersBusy"));
