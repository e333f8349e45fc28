using System.Globalization;
using CsvHelper;
using Reception.Dashboard.Infrastructure.Csv;

namespace Reception.Dashboard.Tests.Infrastructure.Csv;

public sealed class CsvFileTests
{
    [Theory]
    [InlineData('=')]
    [InlineData('+')]
    [InlineData('-')]
    [InlineData('@')]
    [InlineData('\t')]
    [InlineData('\r')]
    public void Write_CellStartingWithAFormulaCharacter_GetsOneLeadingApostrophe(char first)
    {
        var cell = first + "SUM(1,2)";

        var csv = CsvFile.Write([["name", cell]]);

        Assert.Equal(["name", "'" + cell], ReadFirstRow(csv));
    }

    [Fact]
    public void Write_OrdinaryCells_AreLeftAsTheyAre()
    {
        var csv = CsvFile.Write([["王小明", "138 0000 0001", "A-1", "'quoted", "say \"hi\", then go", "", null]]);

        Assert.Equal(["王小明", "138 0000 0001", "A-1", "'quoted", "say \"hi\", then go", "", ""], ReadFirstRow(csv));
    }

    [Theory]
    [InlineData("+86 139 0000 0000")]
    [InlineData("=SUM(1)")]
    [InlineData("-")]
    [InlineData("'=SUM(1)")]
    [InlineData("''@SUM(1)")]
    [InlineData("'plain")]
    [InlineData("'")]
    [InlineData("王小明")]
    public void RestoreCell_OfANeutralisedCell_GivesItBackExactly(string cell) =>
        Assert.Equal(cell, CsvFile.RestoreCell(CsvFile.Neutralise(cell)!));

    [Theory]
    [InlineData("'+86 139 0000 0000", "+86 139 0000 0000")]
    [InlineData("'=SUM(1)", "=SUM(1)")]
    [InlineData("'O'Brien", "'O'Brien")]
    [InlineData("O'Brien", "O'Brien")]
    public void RestoreCell_TakesOffOnlyAnApostropheThatGuardsAFormula(string cell, string expected) =>
        Assert.Equal(expected, CsvFile.RestoreCell(cell));

    private static IReadOnlyList<string> ReadFirstRow(string csv)
    {
        using var parser = new CsvParser(new StringReader(csv), CultureInfo.InvariantCulture);
        Assert.True(parser.Read());
        return parser.Record!;
    }
}
