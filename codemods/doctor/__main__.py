from codemods.doctor.main import main

raise SystemExit(main())
