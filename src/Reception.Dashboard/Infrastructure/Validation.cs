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
            .MaximumLength(NameMaxLength).WithMessage(_ => ErrorText.Get("MaxLength", NameMaxLength));

    public static IRuleBuilderOptions<T, string?> MaxText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.MaximumLength(max).WithMessage(_ => ErrorText.Get("MaxLength", max));

    public static IRuleBuilderOptions<T, TEnum> KnownValue<T, TEnum>(this IRuleBuilder<T, TEnum> rule) where TEnum : struct, Enum =>
        rule.IsInEnum().WithMessage(_ => ChooseOneOf<TEnum>());

    /// <summary>"Choose one of: …" with the names as the API writes them (camelCase).</summary>
    public static string ChooseOneOf<TEnum>() where TEnum : struct, Enum =>
        ErrorText.Get("ChooseOneOf", string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName)));
}
