using System.Text;
using CsvHelper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.OrgChart;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class UploadOrgChartModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    /// <summary>Kept under the form's 4 MB value limit, since the previewed file is posted back to be applied.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    public UploadOrgChart.Command Data { get; private set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The previewed file, posted back on confirmation.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public UploadOrgChart.Result? Preview { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken cancellationToken) =>
        CsvExport.File(await CsvExport.WriteAsync(UploadOrgChart.Columns, [UploadOrgChart.TemplateExample], cancellationToken), "org-chart.csv");

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (Upload is { Length: > MaxFileBytes })
        {
            ModelState.AddModelError("Data.Csv", UploadOrgChart.TooBigMessage);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var csv = "";
        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            csv = await reader.ReadToEndAsync(cancellationToken);
        }

        Data = new UploadOrgChart.Command { Csv = csv };
        Preview = await mediator.Send(Data, cancellationToken);
        Csv = csv;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        Data = new UploadOrgChart.Command { Csv = Csv ?? "", Apply = true };
        var result = await mediator.Send(Data, cancellationToken);
        TempData["Message"] = result.Summary;
        return LocalRedirect("/OrgChart");
    }

    public Task ReloadAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// HR uploads the org chart as a CSV file: every row is checked and the whole chart with it (no cycle of managers, every
/// manager known), a preview names what would change, and only on confirmation is it applied, all or nothing. Entries
/// that single sign-on or SCIM keep are never overwritten by a file.
/// </summary>
public static class UploadOrgChart
{
    public const int MaxRows = 20_000;
    public const int MaxErrorsShown = 20;
    public const string TooBigMessage = "The file is larger than 2 MB. Split it into smaller files.";

    public static IReadOnlyList<string> Columns { get; } = ["email", "department", "job_level", "manager_email", "employee_number"];

    public static IReadOnlyList<string> TemplateExample { get; } = ["sam.jones@example.com", "Finance", "Analyst", "dana.director@example.com", "E1042"];

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<Result>
    {
        /// <summary>The file's text, header first.</summary>
        public string Csv { get; set; } = "";

        /// <summary>False previews the upload; true applies it.</summary>
        public bool Apply { get; set; }
    }

    /// <summary>What the file does (or did) to the chart.</summary>
    public sealed record Result(bool Applied, int Added, int Changed, int Unchanged, IReadOnlyList<string> Skipped, int EnrolmentsUpdated)
    {
        public string Summary =>
            $"{(Applied ? "Org chart updated" : "This file would change the org chart")}: {People(Added)} added, {People(Changed)} changed, "
            + $"{People(Unchanged)} unchanged" + (Skipped.Count == 0 ? "" : $", {People(Skipped.Count)} skipped (kept by single sign-on or SCIM)")
            + (Applied ? $"; {EnrolmentsUpdated} {(EnrolmentsUpdated == 1 ? "enrolment" : "enrolments")} brought in step." : ".");

        private static string People(int n) => n == 1 ? "1 person" : $"{n:N0} people";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Csv)
                .NotEmpty().WithMessage("Choose a CSV file to upload. Its first line names the columns; download the template to start from.");
    }

    /// <summary>One row as read.</summary>
    public sealed record Row(int Number, string Email, string Department, string JobLevel, string? ManagerEmail, string? EmployeeNumber)
    {
        public string Key => OrgChartEntry.Normalize(Email);
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (Encoding.UTF8.GetByteCount(command.Csv) > UploadOrgChartModel.MaxFileBytes)
            {
                throw Invalid(command, [TooBigMessage]);
            }

            var errors = new List<string>();
            var rows = Read(command.Csv, errors);
            if (errors.Count > 0)
            {
                throw Invalid(command, errors);
            }

            var existing = await db.OrgChart.ToDictionaryAsync(o => o.NormalizedEmail, StringComparer.Ordinal, cancellationToken);
            var kept = rows.Where(r => existing.TryGetValue(r.Key, out var e) && e.Source != OrgSource.Csv).ToList();
            var keptKeys = kept.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

            // The chart as it would be: the file's rows, except those single sign-on or SCIM keep, over the rest of the chart.
            var lines = new ReportingLines(
                rows.Where(r => !keptKeys.Contains(r.Key)).Select(r => (r.Email, r.ManagerEmail))
                    .Concat(existing.Values.Select(e => (e.NormalizedEmail, e.ManagerEmail))));
            foreach (var row in rows.Where(r => r.ManagerEmail is not null && !keptKeys.Contains(r.Key)))
            {
                if (!lines.Knows(row.ManagerEmail!))
                {
                    errors.Add($"Row {row.Number}, manager_email: {row.ManagerEmail} is neither in the file nor already in the org chart. Add a row for them.");
                }
            }

            if (errors.Count == 0 && lines.FindCycle() is { } cycle)
            {
                var spelled = rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First().Email, StringComparer.Ordinal);
                var names = cycle.Select(k => spelled.GetValueOrDefault(k) ?? existing.GetValueOrDefault(k)?.Email ?? k.ToLowerInvariant()).ToList();
                errors.Add($"The managers go round in a circle: {string.Join(" reports to ", names.Append(names[0]))}. Give one of them a manager outside the circle, or none.");
            }

            if (errors.Count > 0)
            {
                throw Invalid(command, errors);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var (added, changed, unchanged) = (0, 0, 0);
            var touched = new List<string>();
            foreach (var row in rows.Where(r => !keptKeys.Contains(r.Key)))
            {
                if (!existing.TryGetValue(row.Key, out var entry))
                {
                    added++;
                    touched.Add(row.Key);
                    if (command.Apply)
                    {
                        entry = OrgChartEntry.For(row.Email);
                        entry.Place(OrgSource.Csv, row.Department, row.JobLevel, row.ManagerEmail, row.EmployeeNumber, now);
                        db.OrgChart.Add(entry);
                    }

                    continue;
                }

                if (Differs(entry, row))
                {
                    changed++;
                    touched.Add(row.Key);
                    if (command.Apply)
                    {
                        entry.Place(OrgSource.Csv, row.Department, row.JobLevel, row.ManagerEmail, row.EmployeeNumber, now);
                    }
                }
                else
                {
                    unchanged++;
                }
            }

            var skipped = kept.Select(r => $"{r.Email} ({(existing[r.Key].Source == OrgSource.Scim ? "SCIM" : "single sign-on")})").ToList();
            if (!command.Apply)
            {
                return new Result(false, added, changed, unchanged, skipped, 0);
            }

            await db.SaveChangesAsync(cancellationToken);
            var enrolments = await OrgChartSync.ApplyToEnrolmentsAsync(db, touched, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(true, added, changed, unchanged, skipped, enrolments);
        }

        private static bool Differs(OrgChartEntry entry, Row row) =>
            entry.Department != row.Department || entry.JobLevel != row.JobLevel || entry.EmployeeNumber != row.EmployeeNumber
            || entry.ManagerEmail != (row.ManagerEmail is null ? null : OrgChartEntry.Normalize(row.ManagerEmail));
    }

    /// <summary>Reads every row; <paramref name="errors"/> gets each problem, by row and column as a spreadsheet numbers them.</summary>
    public static List<Row> Read(string csv, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var rows = new List<Row>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = ',',
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            NormalizeHeaderName = Header,
        };
        try
        {
            using var reader = CsvReader.FromText(csv, options);
            var any = reader.Read();
            var header = reader.Headers?.Select(Header).ToList() ?? [];
            var missing = Columns.Where(c => !header.Contains(c)).ToList();
            if (header.Count == 0 || missing.Count > 0)
            {
                errors.Add($"The first line must name the columns: {string.Join(", ", Columns)}."
                    + (header.Count == 0 ? "" : $" Missing: {string.Join(", ", missing)}."));
                return rows;
            }

            if (!any)
            {
                errors.Add("The file has a header but no people.");
                return rows;
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            do
            {
                if (reader.RowNumber > MaxRows)
                {
                    errors.Clear();
                    errors.Add($"The file has more than {MaxRows:N0} people. Split it into files of at most {MaxRows:N0} rows.");
                    return [];
                }

                var number = (int)reader.RowNumber + 1;
                if (reader.FieldCount != header.Count)
                {
                    errors.Add($"Row {number}: it has {reader.FieldCount} columns but the header has {header.Count}. Put quotes around values that contain commas.");
                    continue;
                }

                string Field(string name) => reader.GetString(name).Trim();
                var email = Field("email");
                var manager = Field("manager_email");
                var department = Field("department");
                var jobLevel = Field("job_level");
                var employeeNumber = Field("employee_number");
                var before = errors.Count;
                if (email.Length > OrgChartEntry.EmailMaxLength)
                {
                    errors.Add($"Row {number}, email: an e-mail address has at most {OrgChartEntry.EmailMaxLength} characters.");
                }
                else if (!DeliverableAddress.IsValid(email))
                {
                    errors.Add($"Row {number}, email: \"{email}\" is not an e-mail address like name@company.com.");
                }
                else if (seen.TryGetValue(OrgChartEntry.Normalize(email), out var first))
                {
                    errors.Add($"Row {number}, email: {email} is already on row {first}. Each person appears once.");
                }
                else
                {
                    seen.Add(OrgChartEntry.Normalize(email), number);
                }

                if (manager.Length > OrgChartEntry.EmailMaxLength)
                {
                    errors.Add($"Row {number}, manager_email: an e-mail address has at most {OrgChartEntry.EmailMaxLength} characters.");
                }
                else if (manager.Length > 0 && !DeliverableAddress.IsValid(manager))
                {
                    errors.Add($"Row {number}, manager_email: \"{manager}\" is not an e-mail address; leave it empty at the top of the chart.");
                }
                else if (manager.Length > 0 && string.Equals(manager, email, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"Row {number}, manager_email: {email} cannot be their own manager.");
                }

                if (department.Length == 0)
                {
                    errors.Add($"Row {number}, department: enter the person's department.");
                }

                if (jobLevel.Length == 0)
                {
                    errors.Add($"Row {number}, job_level: enter the person's job level.");
                }

                foreach (var (column, value) in new[] { ("department", department), ("job_level", jobLevel), ("employee_number", employeeNumber) })
                {
                    if (value.Length > OrgChartEntry.TextMaxLength)
                    {
                        errors.Add($"Row {number}, {column}: at most {OrgChartEntry.TextMaxLength} characters.");
                    }
                }

                if (errors.Count == before)
                {
                    rows.Add(new Row(number, email, department, jobLevel, manager.Length == 0 ? null : manager, employeeNumber.Length == 0 ? null : employeeNumber));
                }
            }
            while (reader.Read());
        }
        catch (CsvFormatException malformed)
        {
            errors.Clear();
            errors.Add($"The file is not valid CSV at row {malformed.RecordNumber}: check its quotes. Save it again as CSV (comma-separated) and retry.");
            return [];
        }

        return rows;
    }

    private static string Header(string header) => header.Trim().ToLowerInvariant().Replace(' ', '_');

    private static RequestValidationException Invalid(Command command, List<string> errors)
    {
        var shown = errors.Take(MaxErrorsShown).Select(e => new ValidationFailure(nameof(Command.Csv), e)).ToList();
        if (errors.Count > MaxErrorsShown)
        {
            shown.Add(new ValidationFailure(nameof(Command.Csv), $"… and {errors.Count - MaxErrorsShown:N0} more problems. Fix these and upload again."));
        }

        return new RequestValidationException(command, shown);
    }
}
