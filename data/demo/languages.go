package demo

import "github.com/atelier-workshops/atelier/data"

// lagosInOtherLanguages gives the Lagos workshop its title and theme, and
// its signatories' roles, in French and Spanish: its French- and
// Spanish-speaking participants' certificates print them.
func lagosInOtherLanguages(st *data.Store, id int64) error {
	texts := map[data.Language]data.WorkshopText{
		data.French: {
			Title: "Le musée tout entier\u00a0: fonctions, communautés et patrimoine participatif",
			Theme: "Comment toutes les parties d’un musée fonctionnent ensemble, et comment les musées nigérians " +
				"peuvent protéger et partager le patrimoine avec les communautés auxquelles il appartient",
		},
		data.Spanish: {
			Title: "El museo en su conjunto: funciones, comunidades y patrimonio participativo",
			Theme: "Cómo todas las partes de un museo funcionan juntas, y cómo los museos nigerianos pueden " +
				"proteger y compartir el patrimonio con las comunidades a las que pertenece",
		},
	}
	for lang, t := range texts {
		if err := st.SetWorkshopText(id, lang, t); err != nil {
			return err
		}
	}
	roles := map[data.Language][]string{
		data.French: {"Responsable de la formation, Secrétariat de l’ICOM", "Directrice, Yemisi Shyllon Museum of Art",
			"Président, ICOM Nigeria"},
		data.Spanish: {"Responsable de formación, Secretaría del ICOM", "Directora, Museo de Arte Yemisi Shyllon",
			"Presidente, ICOM Nigeria"},
	}
	for lang, list := range roles {
		for i, role := range list {
			if err := st.SetSignatoryTitle(id, i+1, lang, role); err != nil {
				return err
			}
		}
	}
	return nil
}
