using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Tests.Infrastructure;

public sealed class ValidationTests
{
    [Theory]
    [InlineData(0x00)] // NUL
    [InlineData(0x07)] // BEL
    [InlineData(0x1B)] // ESC
    [InlineData(0x7F)] // DEL
    [InlineData(0x9B)] // CSI, a C1 control
    public void HasControlCharacters_NulBelEscDelOrC1_AreFoundEvenInMultiLineText(int code)
    {
        var text = $"a{(char)code}b";

        Assert.True(Validation.HasControlCharacters(text));
        Assert.True(Validation.HasControlCharacters(text, multiLine: true));
    }

    [Theory]
    [InlineData(0x09)] // tab
    [InlineData(0x0A)] // line feed
    [InlineData(0x0D)] // carriage return
    public void HasControlCharacters_TabOrLineBreak_IsAllowedOnlyInMultiLineText(int code)
    {
        var text = $"a{(char)code}b";

        Assert.True(Validation.HasControlCharacters(text));
        Assert.False(Validation.HasControlCharacters(text, multiLine: true));
    }

    [Theory]
    [InlineData("滨江广场 东门")]
    [InlineData("East gate 🚪")]
    [InlineData("zero\u200Bwidth")] // a format character (Cf), not a control (Cc)
    [InlineData("")]
    [InlineData(null)]
    public void HasControlCharacters_OrdinaryChineseTextAndEmoji_AreAllowed(string? text) =>
        Assert.False(Validation.HasControlCharacters(text));
}
