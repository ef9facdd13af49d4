using System.Globalization;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>The e-mails that tell a participant HR's decision on their enrolment, and what happens next.</summary>
public static class EnrolmentMail
{
    /// <summary>One key per decision: a later decision on the same enrolment is a new message.</summary>
    private static string Key(string decision, Enrolment enrolment) =>
        $"enrolment-{decision}:{enrolment.Id}:{(enrolment.DecidedAtUtc ?? throw new InvalidOperationException("Only a decided enrolment is e-mailed its decision.")).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}";

    public static Outgoing Approved(Enrolment enrolment, string programName, string link)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        var side = enrolment.Role == ParticipantRole.Mentor ? "mentor" : "mentee";
        return new Outgoing(
            Key("approved", enrolment),
            enrolment.User!.Email!,
            $"You are in: {programName}",
            $"""
            Hello {enrolment.User.DisplayName},

            HR approved your enrolment in {programName} as a {side}.
            Next, HR pairs mentors with mentees. You will get an e-mail when a pair is proposed to you, and you will be
            asked to accept it. Until then you can check or change your profile here:
            {link}
            """);
    }

    public static Outgoing Rejected(Enrolment enrolment, string programName, string link)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        return new Outgoing(
            Key("rejected", enrolment),
            enrolment.User!.Email!,
            $"Your enrolment was not accepted: {programName}",
            $"""
            Hello {enrolment.User.DisplayName},

            HR did not accept your enrolment in {programName}. Their reason:
            {enrolment.DecisionReason}

            If you have questions, reply to your HR coordinator. The program's page:
            {link}
            """);
    }
}
