using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PartnerPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerPreferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProgramId = table.Column<int>(type: "int", nullable: false),
                    EnrolmentId = table.Column<int>(type: "int", nullable: false),
                    PartnerEnrolmentId = table.Column<int>(type: "int", nullable: false),
                    Rank = table.Column<int>(type: "int", nullable: false),
                    RankedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerPreferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerPreferences_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerPreferences_Enrolments_PartnerEnrolmentId",
                        column: x => x.PartnerEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerPreferences_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_EnrolmentId_PartnerEnrolmentId",
                table: "PartnerPreferences",
                columns: new[] { "EnrolmentId", "PartnerEnrolmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_EnrolmentId_Rank",
                table: "PartnerPreferences",
                columns: new[] { "EnrolmentId", "Rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_PartnerEnrolmentId",
                table: "PartnerPreferences",
                column: "PartnerEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_ProgramId",
                table: "PartnerPreferences",
                column: "ProgramId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerPreferences");
        }
    }
}
