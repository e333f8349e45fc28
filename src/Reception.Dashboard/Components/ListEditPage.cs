namespace Reception.Dashboard.Components;

/// <summary>
/// The admin pages' one pattern: a live list of a site's items and one form that creates a new item
/// or edits the chosen one. A refusal keeps the form as typed and shows each field's error beside it.
/// A field that checks itself (MudBlazor's <c>Required</c>) remembers being touched: given the next,
/// empty form it would turn red at once. Pages therefore key such a field on <see cref="Form"/>
/// (<c>@key="Form"</c>), so every new form starts with fresh, untouched fields.
/// </summary>
public abstract class ListEditPage<TItem, TForm> : LivePage
    where TItem : class
    where TForm : new()
{
    protected FormErrors Errors { get; } = new();

    /// <summary>Null until the first load.</summary>
    protected IReadOnlyList<TItem>? Items { get; private set; }

    /// <summary>Replaced, never cleared, for each new form: the key that gives it fresh fields.</summary>
    protected TForm Form { get; private set; } = new();

    /// <summary>The item the form edits; null while it makes a new one.</summary>
    protected TItem? Editing { get; private set; }

    protected abstract Task<IReadOnlyList<TItem>> ListAsync();

    protected abstract TForm FormFor(TItem item);

    /// <summary>Creates from the form when <paramref name="editing"/> is null, else changes that item.</summary>
    protected abstract Task SaveAsync(TForm form, TItem? editing);

    protected override async Task LoadAsync() => Items = await ListAsync();

    protected void StartNew()
    {
        Editing = null;
        Form = new TForm();
        Errors.Clear();
    }

    protected void Edit(TItem item)
    {
        Editing = item;
        Form = FormFor(item);
        Errors.Clear();
    }

    protected async Task SaveFormAsync()
    {
        if (await Errors.RunAsync(() => SaveAsync(Form, Editing)))
        {
            StartNew();
            await RequestReloadAsync();
        }
    }
}
