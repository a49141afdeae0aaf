package data

import (
	"context"
	"database/sql"
	"errors"
)

const organisationColumns = `o.id, o.name, o.short_name, o.country, o.website, o.logo, o.logo_type`

func scanOrganisation(row scanner, extra ...any) (Organisation, error) {
	var o Organisation
	err := row.Scan(append([]any{&o.ID, &o.Name, &o.ShortName, &o.Country, &o.Website, &o.Logo, &o.LogoType}, extra...)...)
	return o, err
}

// Organisations lists every organisation in the file by name.
func (s *Store) Organisations() ([]Organisation, error) {
	return queryAll(s.r, func(r scanner) (Organisation, error) { return scanOrganisation(r) },
		`SELECT `+organisationColumns+` FROM organisations o ORDER BY o.name COLLATE NOCASE, o.id`)
}

// Organisation reads one organisation.
func (s *Store) Organisation(id int64) (Organisation, error) {
	o, err := scanOrganisation(s.r.QueryRow(`SELECT `+organisationColumns+` FROM organisations o WHERE o.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, &NotFoundError{"organisation", id}
	}
	return o, err
}

// SaveOrganisation creates (ID 0) or updates an organisation.
func (s *Store) SaveOrganisation(o *Organisation) error {
	o.normalise()
	if err := o.Validate(); err != nil {
		return err
	}
	var logo any
	if len(o.Logo) > 0 {
		logo = o.Logo
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		if o.ID == 0 {
			res, err := tx.Exec(`INSERT INTO organisations(name, short_name, country, website, logo, logo_type)
				VALUES (?, ?, ?, ?, ?, ?)`, o.Name, o.ShortName, o.Country, o.Website, logo, o.LogoType)
			if err != nil {
				return err
			}
			o.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.Exec(`UPDATE organisations SET name = ?, short_name = ?, country = ?, website = ?, logo = ?,
			logo_type = ? WHERE id = ?`, o.Name, o.ShortName, o.Country, o.Website, logo, o.LogoType, o.ID)
		if err != nil {
			return err
		}
		return mustAffect(res, "organisation", o.ID)
	})
}

// DeleteOrganisation removes an organisation and its roles on workshops.
func (s *Store) DeleteOrganisation(id int64) error {
	return s.write(context.Background(), func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM organisations WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "organisation", id)
	})
}

// WorkshopOrganisations lists the organisations of a workshop with their
// roles, in the printed order: organisers, hosts, partners, supporters.
func (s *Store) WorkshopOrganisations(workshopID int64) ([]WorkshopOrganisation, error) {
	return workshopOrganisationsIn(s.r, workshopID)
}

func workshopOrganisationsIn(q querier, workshopID int64) ([]WorkshopOrganisation, error) {
	rows, err := q.Query(`SELECT `+organisationColumns+`, wo.role, wo.position
		FROM workshop_organisations wo JOIN organisations o ON o.id = wo.organisation_id
		WHERE wo.workshop_id = ?
		ORDER BY CASE wo.role WHEN 'organiser' THEN 0 WHEN 'host' THEN 1 WHEN 'partner' THEN 2 ELSE 3 END,
			wo.position, o.name`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WorkshopOrganisation
	for rows.Next() {
		var wo WorkshopOrganisation
		wo.Organisation, err = scanOrganisation(rows, &wo.Role, &wo.Position)
		if err != nil {
			return nil, err
		}
		out = append(out, wo)
	}
	return out, rows.Err()
}

// AddOrganisationRole gives an organisation a role on a workshop; it is
// placed last among that role's organisations. Adding it twice is harmless.
func (s *Store) AddOrganisationRole(workshopID, organisationID int64, role Role) error {
	c := checker{record: "organisation role"}
	oneOf(&c, "role", "Role", role, Roles)
	if err := c.err(); err != nil {
		return err
	}
	return s.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO workshop_organisations(workshop_id, organisation_id, role, position)
			VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), -1) + 1 FROM workshop_organisations
			                     WHERE workshop_id = ?1 AND role = ?3))
			ON CONFLICT DO NOTHING`, workshopID, organisationID, role)
		return err
	})
}

// RemoveOrganisationRole takes a role away; the organisation itself stays.
func (s *Store) RemoveOrganisationRole(workshopID, organisationID int64, role Role) error {
	return s.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM workshop_organisations WHERE workshop_id = ? AND organisation_id = ? AND role = ?`,
			workshopID, organisationID, role)
		return err
	})
}
