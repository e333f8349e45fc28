using FluentValidation;
using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Shifts;

public sealed class CreateShiftValidator : AbstractValidator<CreateShift>
{
    public CreateShiftValidator()
    {
        RuleFor(r => r.Kind).KnownValue();
        RuleFor(r => r.Start).NotNull().WithMessage(_ => AdminText.Get("Shifts.EnterStart"));
        RuleFor(r => r.End).NotNull().WithMessage(_ => AdminText.Get("Shifts.EnterEnd"))
            .NotEqual(r => r.Start).WithMessage(_ => AdminText.Get("Shifts.EndDiffers"));
    }
}

public sealed class UpdateShiftValidator : AbstractValidator<UpdateShift>
{
    public UpdateShiftValidator()
    {
        RuleFor(r => r.Start).NotNull().WithMessage(_ => AdminText.Get("Shifts.EnterStart"));
        RuleFor(r => r.End).NotNull().WithMessage(_ => AdminText.Get("Shifts.EnterEnd"))
            .NotEqual(r => r.Start).WithMessage(_ => AdminText.Get("Shifts.EndDiffers"));
    }
}
