using FluentValidation;
using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Sites;

public sealed class CreateSiteValidator : AbstractValidator<CreateSite>
{
    public CreateSiteValidator()
    {
        RuleFor(r => r.Name).RequiredName();
        RuleFor(r => r.TimeZoneId).KnownTimeZone();
    }
}

public sealed class UpdateSiteValidator : AbstractValidator<UpdateSite>
{
    public UpdateSiteValidator()
    {
        RuleFor(r => r.Name).RequiredName();
        RuleFor(r => r.TimeZoneId).KnownTimeZone();
    }
}

internal static class TimeZoneRule
{
    public static IRuleBuilderOptions<T, string?> KnownTimeZone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(id => id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
            .WithMessage(_ => AdminText.Get("Site.TimeZoneUnknown"));
}
