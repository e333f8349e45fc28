using FluentValidation;
using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Staff;

public sealed class CreateStaffValidator : AbstractValidator<CreateStaff>
{
    public CreateStaffValidator()
    {
        RuleFor(r => r.Name).RequiredName();
        RuleFor(r => r.Phone).Phone();
        RuleFor(r => r.StaffNumber).MaxText(32);
    }
}

public sealed class UpdateStaffValidator : AbstractValidator<UpdateStaff>
{
    public UpdateStaffValidator()
    {
        RuleFor(r => r.Name).RequiredName();
        RuleFor(r => r.Phone).Phone();
        RuleFor(r => r.StaffNumber).MaxText(32);
    }
}

internal static class PhoneRule
{
    public static IRuleBuilderOptions<T, string?> Phone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaxText(Validation.PhoneMaxLength)
            .Matches(@"^[0-9+\-() ]*$").WithMessage(_ => AdminText.Get("Staff.PhoneFormat"));
}
