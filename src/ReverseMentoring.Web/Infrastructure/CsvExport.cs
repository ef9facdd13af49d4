using CsvHelper;
using Microsoft.AspNetCore.Mvc;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// The one way the app writes a CSV file, so that every download is safe to open in a spreadsheet:
/// <list type="bullet">
/// <item>a text cell that starts with = + - @, a tab or a carriage return (which Excel, LibreOffice and Google Sheets
/// would run as a formula, such as <c>=HYPERLINK("http://…")</c> in a program or person's name) is written with a
/// leading apostrophe, which spreadsheets read as "this cell is text" (OWASP's advice on CSV injection);</item>
/// <item>the file starts with a UTF-8 byte order mark, without which Excel reads "Zoë" as "ZoÃ«";</item>
/// <item>RFC 4180 quoting, CRLF line ends, one header row.</item>
/// </list>
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    /// <summary>A header and its rows as the bytes of a CSV file.</summary>
    public static async Task<byte[]> WriteAsync(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return await WriteAsync(header, Async(rows), cancellationToken);
    }

    /// <summary>A header and rows read as they come (such as from a database query) as the bytes of a CSV file.</summary>
    public static async Task<byte[]> WriteAsync(IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            await csv.WriteRecordAsync([.. header], cancellationToken);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await csv.WriteRecordAsync([.. row], cancellationToken);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The file as a download named <paramref name="fileName"/>.</summary>
    public static FileContentResult File(byte[] csv, string fileName) => new(csv, ContentType) { FileDownloadName = fileName };

    private static async IAsyncEnumerable<IReadOnlyList<string>> Async(IEnumerable<IReadOnlyList<string>> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
