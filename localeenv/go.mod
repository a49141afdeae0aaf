module atelier.local/localeenv

go 1.26
