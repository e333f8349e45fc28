namespace Reception.Dashboard.Components;

/// <summary>
/// What a page shows when a service refuses: the message, and each field's error beside the field.
/// The form's values are left alone, so nothing typed is lost.
/// </summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    /// <summary>
    /// Where faults go. Set once at start-up: every page makes its own FormErrors, and passing
    /// each one a logger would add a parameter to every page for the same single line.
    /// </summary>
    public static ILogger? Logger { get; set; }

    public string? Message { get; private set; }

    /// <summary>A <see cref="RunOnceAsync"/> action is on its way: its button shows disabled.</summary>
    public bool Busy { get; private set; }

    /// <summary>For forms without per-field errors: the field errors themselves, else the message.</summary>
    public string? Summary => _fields.Count > 0 ? string.Join(" ", _fields.Values.SelectMany(errors => errors)) : Message;

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? this[string field] => _fields.TryGetValue(field, out var errors) ? string.Join(" ", errors) : null;

    public void Clear()
    {
        Message = null;
        _fields = new Dictionary<string, string[]>();
    }

    /// <summary>
    /// <see cref="RunAsync"/> for a form's one submit: a second tap while the first is on its way is ignored, since
    /// it would send the same version again and be told the record changed meanwhile. Pages where taps are
    /// different actions (a guard ticking two items) keep <see cref="RunAsync"/>.
    /// </summary>
    /// <returns>Whether the action succeeded; false also when the first was still on its way.</returns>
    public async Task<bool> RunOnceAsync(Func<Task> action)
    {
        if (Busy)
        {
            return false;
        }

        Busy = true;
        try
        {
            return await RunAsync(action);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <returns>Whether the action succeeded.</returns>
    public async Task<bool> RunAsync(Func<Task> action)
    {
        Clear();
        try
        {
            await action();
            return true;
        }
        catch (RuleViolationException ex)
        {
            _fields = ex.Errors;
            Message = ex.Message;
        }
        catch (DomainException ex)
        {
            Message = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault, not a refusal: the page stays usable and says so; the server log has the details.
            Message = ErrorText.Get("Unexpected");
            Logger?.LogError(ex, "A page action failed");
        }

        return false;
    }
}
