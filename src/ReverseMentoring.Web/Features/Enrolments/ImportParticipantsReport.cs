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
