using FluentValidation;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Features.Shifts;

public sealed class CreateShiftValidator : AbstractValidator<CreateShift>
{
    public CreateShiftValidator()
    {
        RuleFor(r => r.Kind).KnownValue();
        RuleFor(r => r.Start).NotNull().WithMessage(_ => ErrorText.Get("EnterStart"));
        RuleFor(r => r.End).NotNull().WithMessage(_ => ErrorText.Get("EnterEnd"))
            .NotEqual(r => r.Start).WithMessage(_ => ErrorText.Get("EndDiffers"));
    }
}

public sealed class UpdateShiftValidator : AbstractValidator<UpdateShift>
{
    public UpdateShiftValidator()
    {
        RuleFor(r => r.Start).NotNull().WithMessage(_ => ErrorText.Get("EnterStart"));
        RuleFor(r => r.End).NotNull().WithMessage(_ => ErrorText.Get("EnterEnd"))
            .NotEqual(r => r.Start).WithMessage(_ => ErrorText.Get("EndDiffers"));
    }
}
