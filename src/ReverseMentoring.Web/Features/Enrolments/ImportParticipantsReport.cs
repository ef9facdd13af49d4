using FluentValidation.Results;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>What the import tells HR: how many were imported, or every problem row by row.</summary>
public static partial class ImportParticipants
{
    /// <summary>A file with thousands of mistakes would bury the first ones; the rest are counted.</summary>
    public const int MaxErrorsShown = 200;

    public sealed record Result(int Imported, int NewAccounts)
    {
        public string Summary =>
            $"Imported {Imported} participant{(Imported == 1 ? "" : "s")} ({NewAccounts} new account{(NewAccounts == 1 ? "" : "s")}"
            + (NewAccounts == 0 ? ")." : ", each invited by e-mail to set a password).");
    }

    /// <summary>The column of the file each part of the profile comes from.</summary>
    private static readonly Dictionary<string, string> ColumnOfProfile = new(StringComparer.Ordinal)
    {
        [nameof(EnrolmentProfile.Role)] = "role",
        [nameof(EnrolmentProfile.Department)] = "department",
        [nameof(EnrolmentProfile.JobLevel)] = "job_level",
        [nameof(EnrolmentProfile.ManagerEmail)] = "manager_email",
        [nameof(EnrolmentProfile.Location)] = "location",
        [nameof(EnrolmentProfile.TimeZoneId)] = "time_zone",
        [nameof(EnrolmentProfile.Formats)] = "formats",
        [nameof(EnrolmentProfile.Skills)] = "skills",
        [nameof(EnrolmentProfile.Availability)] = "availability",
        [nameof(EnrolmentProfile.Interests)] = "interests",
        [nameof(EnrolmentProfile.Goals)] = "goals",
    };

    /// <summary>
    /// A row's problems in the order of its columns, each with the row number: what could not be read, then what
    /// the profile's rules refuse, except in a column that could not be read (its rules would only repeat that).
    /// </summary>
    private static IEnumerable<string> Report(Row row, IEnumerable<ValidationFailure> refused)
    {
        var unread = row.Problems.Where(p => p.Column is not null).Select(p => p.Column).ToHashSet();
        return row.Problems
            .Concat(refused.Select(f => (Column: ColumnOf(f.PropertyName), Message: f.ErrorMessage)).Where(f => f.Column is null || !unread.Contains(f.Column)))
            .OrderBy(p => p.Column is null ? -1 : Columns.TakeWhile(c => c != p.Column).Count())
            .Select(p => p.Column is null ? $"Row {row.Number}: {p.Message}" : $"Row {row.Number}, {p.Column}: {p.Message}");
    }

    /// <summary>"Skills[1].SkillId" comes from the skills column.</summary>
    private static string? ColumnOf(string propertyName)
    {
        var end = propertyName.IndexOfAny(['[', '.']);
        return ColumnOfProfile.GetValueOrDefault(end < 0 ? propertyName : propertyName[..end]);
    }

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
