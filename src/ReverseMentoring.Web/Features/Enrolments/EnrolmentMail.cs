using System.Globalization;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>The e-mails that tell a participant HR's decision on their enrolment, and what happens next.</summary>
public static class EnrolmentMail
{
    /// <summary>One key per decision: a later decision on the same enrolment is a new message.</summary>
    private static string Key(string decision, Enrolment enrolment) =>
        $"enrolment-{decision}:{enrolment.Id}:{(enrolment.DecidedAtUtc ?? throw new InvalidOperationException("Only a decided enrolment is e-mailed its decision.")).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}";

    public static Outgoing Approved(Enrolment enrolment, EmailWording wording, string link)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        return ProgramEmails.Message(Key("approved", enrolment), enrolment.User!.Email!, wording, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["program.name"] = enrolment.Program!.Name,
            ["person.name"] = enrolment.User.DisplayName,
            ["person.side"] = enrolment.Role == ParticipantRole.Mentor ? "mentor" : "mentee",
            ["link"] = link,
        });
    }

    public static Outgoing Rejected(Enrolment enrolment, EmailWording wording, string link)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        return ProgramEmails.Message(Key("rejected", enrolment), enrolment.User!.Email!, wording, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["program.name"] = enrolment.Program!.Name,
            ["person.name"] = enrolment.User.DisplayName,
            ["reason"] = enrolment.DecisionReason,
            ["link"] = link,
        });
    }
}
