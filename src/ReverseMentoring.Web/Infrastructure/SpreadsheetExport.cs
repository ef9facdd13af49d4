using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>A table HR downloads, as CSV (through <see cref="CsvExport"/>) or as an Excel workbook.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The one way the app writes an .xlsx file. MiniExcel stores every value as a text cell, never as a formula, so a
/// name like <c>=HYPERLINK(…)</c> stays text, and Excel reads accented names without any byte order mark.
/// </summary>
public static class SpreadsheetExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Xlsx(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        // A DataTable keeps the header row when there are no rows, and every column typed as text.
        using var sheet = new System.Data.DataTable(table.Name);
        sheet.Locale = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var column in table.Header)
        {
            sheet.Columns.Add(column, typeof(string));
        }

        foreach (var row in table.Rows)
        {
            sheet.Rows.Add(table.Header.Select((_, i) => (object)(i < row.Count ? row[i] : "")).ToArray());
        }

        using var buffer = new MemoryStream();
        buffer.SaveAs(sheet, sheetName: table.Name.Length > 31 ? table.Name[..31] : table.Name);
        return buffer.ToArray();
    }

    /// <summary>The table as a download: <paramref name="format"/> "xlsx" gives a workbook, anything else CSV.</summary>
    public static async Task<FileContentResult> FileAsync(ExportTable table, string? format, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)
            ? new FileContentResult(Xlsx(table), ContentType) { FileDownloadName = $"{fileName}.xlsx" }
            : CsvExport.File(await CsvExport.WriteAsync(table.Header, table.Rows, cancellationToken), $"{fileName}.csv");
    }
}
