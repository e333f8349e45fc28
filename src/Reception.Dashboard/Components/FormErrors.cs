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

    /// <summary>For forms without per-field errors: the field errors themselves, else the message.</summary>
    public string? Summary => _fields.Count > 0 ? string.Join(" ", _fields.Values.SelectMany(errors => errors)) : Message;

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? this[string field] => _fields.TryGetValue(field, out var errors) ? string.Join(" ", errors) : null;

    public void Clear()
    {
        Message = null;
        _fields = new Dictionary<string, string[]>();
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
