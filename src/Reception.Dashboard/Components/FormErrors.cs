using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Components;

/// <summary>
/// What a page shows when a service refuses: the message, and each field's error beside the field.
/// The form's values are left alone, so nothing typed is lost.
/// </summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _fields = new Dictionary<string, string[]>();

    public string? Message { get; private set; }

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

        return false;
    }
}
