using System.Text.Json;
using FluentValidation;

namespace Reception.Dashboard.Infrastructure;

public static class Validation
{
    /// <summary>Field length caps shared by all free text, so the UI and the API agree.</summary>
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 30;

    /// <summary>Optional free text as stored: trimmed, and null when nothing is left.</summary>
    public static string? TrimToNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Whether <paramref name="text"/> holds a control character (Unicode category Cc: NUL, BEL, ESC…).
    /// Nobody types one, and stored they cut text short or drive terminals and spreadsheets downstream.
    /// Multi-line text keeps its tabs and line breaks; a single line has none.
    /// </summary>
    public static bool HasControlCharacters(string? text, bool multiLine = false) =>
        text is not null && text.Any(c => char.IsControl(c) && !(multiLine && (c is '\t' or '\n' or '\r')));

    /// <summary>The refusal for <see cref="HasControlCharacters"/>, for services that check fields by hand.</summary>
    public static string ControlCharactersRefused() => ErrorText.Get("NoControlCharacters");

    /// <summary>Runs <paramref name="validator"/> and throws a 422 with camelCase field names when it fails.</summary>
    public static void EnsureValid<T>(this IValidator<T> validator, T request)
    {
        var result = validator.Validate(request);
        if (result.IsValid)
        {
            return;
        }

        var errors = result.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        throw new RuleViolationException(errors);
    }

    // Messages are lambdas, so they are worded in the caller's language at validation time.
    public static IRuleBuilderOptions<T, string?> RequiredName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage(_ => ErrorText.Get("EnterName"))
            .MaxText(NameMaxLength);

    /// <summary>Single-line text of at most <paramref name="max"/> characters: the safe default for any new text field.</summary>
    public static IRuleBuilderOptions<T, string?> MaxText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.MaximumLength(max).WithMessage(_ => ErrorText.Get("MaxLength", max))
            .NoControlCharacters();

    /// <summary>Text typed in a text area: at most <paramref name="max"/> characters, tabs and line breaks allowed.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLineText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.MaximumLength(max).WithMessage(_ => ErrorText.Get("MaxLength", max))
            .NoControlCharacters(multiLine: true);

    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule, bool multiLine = false) =>
        rule.Must(text => !HasControlCharacters(text, multiLine)).WithMessage(_ => ControlCharactersRefused());

    public static IRuleBuilderOptions<T, TEnum> KnownValue<T, TEnum>(this IRuleBuilder<T, TEnum> rule) where TEnum : struct, Enum =>
        rule.IsInEnum().WithMessage(_ => ChooseOneOf<TEnum>());

    /// <summary>"Choose one of: …" with the names as the API writes them (camelCase).</summary>
    public static string ChooseOneOf<TEnum>() where TEnum : struct, Enum =>
        ErrorText.Get("ChooseOneOf", string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName)));
}
